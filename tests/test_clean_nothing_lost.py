"""Cleaning loses nothing silently: every word of a page ends up in the body or in ``removed``."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.read.clean import clean_page

LINES = [
    "Port closes for repairs",
    "By Jane Doe, Reuters  March 3, 2023",
    "By bne IntelIiNews January 8, 2022",
    "Published: 08.03.2023 10:32 GMT",
    "The river port at Lindau is closing for three weeks of repairs, the harbour office said.",
    "Ferry services will run from the old quay at Bregenz instead, and freight will go by rail.",
    "Harbour master Eva Roth. / https://example.org/photos/roth.jpg",
    "Cranes stand idle at the quay. (Photo by Max Kern/Getty Images)",
    "Photo: Reuters",
    "What comes next",
    "Share",
    "Read more",
    "Related stories",
    "Read also: Bregenz quay reopens after storm",
    "We use cookies to improve your experience. By using this site you accept cookies.",
    "Why?",
    "- a list item without a full stop",
    "\u00a0Odd\u2009spaces\u202fhere and a zero\u200bwidth one.",
    "",
]


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text))


def _accounted(raw: str) -> None:
    page = clean_page(raw)
    kept = _words(page.text)
    for removed in page.removed:
        if removed.kind != "invisible":
            kept += _words(removed.text)
    assert kept == _words(raw.replace("\u200b", "").replace("\u00ad", ""))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=14), st.sampled_from(["\n", "\n\n"]))
def test_clean_every_word_is_kept_or_reported(lines: list[str], sep: str) -> None:
    _accounted(sep.join(lines))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_clean_never_fails_on_arbitrary_text(raw: str) -> None:
    page = clean_page(raw)
    assert isinstance(page.text, str)
