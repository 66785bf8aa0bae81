"""The paragraph-boundary component: every line break ends a sentence, before the parser."""

from __future__ import annotations

import weakref

import pytest
import spacy

from newsgraph.nlp import paragraph_boundaries


def test_the_token_after_a_line_break_starts_a_sentence() -> None:
    doc = spacy.blank("en").make_doc("Protest in Almaty\nPolice fired on crowds \n\nThe end")
    paragraph_boundaries(doc)
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["Protest", "Police", "The"]
    assert doc[1].is_sent_start is None  # nothing said of the other tokens


def test_a_text_without_line_breaks_is_left_alone() -> None:
    doc = spacy.blank("en").make_doc("One line, no break.")
    paragraph_boundaries(doc)
    assert [t.is_sent_start for t in doc[1:]] == [None] * (len(doc) - 1)


def test_a_parsed_doc_is_refused(pipeline: spacy.language.Language) -> None:
    doc = pipeline("Troops arrived.\nThey left.")
    with pytest.raises(ValueError, match="E043"):
        paragraph_boundaries(doc)


def test_a_processed_doc_is_freed_when_dropped(pipeline: spacy.language.Language) -> None:
    """No per-Doc cache of the components keeps a Doc alive (a cached value that refers back
    to its Doc would hold every Doc of a long run in memory)."""
    texts = ['Russia attacked Ukraine on Monday, "We will respond," the president said.'] * 3
    refs = [weakref.ref(doc) for doc in pipeline.pipe(texts)]
    assert [r() for r in refs] == [None, None, None]
