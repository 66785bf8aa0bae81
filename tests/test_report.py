from __future__ import annotations

from newsgraph.model import Actor, Article, Document, Event, Place, Quote, Span
from newsgraph.report import render_text

TEXT = (
    "Police stormed a warehouse in Lagos on Monday. "
    '"We found nothing," Inspector Ada Obi said. Unknown gunmen fired on the convoy.'
)


def _span(words: str) -> Span:
    start = TEXT.index(words)
    return Span.of(TEXT, start, start + len(words))


def test_render_text_names_every_side_and_speaker() -> None:
    doc = Document(
        Article(TEXT, title="Raid in Lagos", outlet="Lagos Daily", published="2024-05-07"),
        actors=(
            Actor("a1", "Nigeria Police Force", "ORG", (_span("Police"),), country="NGA",
                  sector="COP"),
            Actor("a2", "Ada Obi", "PERSON", (_span("Ada Obi"),), roles=("Inspector",)),
        ),
        quotes=(Quote("q1", "direct", "We found nothing,", _span('"We found nothing,"'),
                      speaker="a2", cue=_span("said")),),
        events=(
            Event("e1", "ASSAULT", _span("stormed"), "a1", None, date="2024-05-06",
                  place=Place("Lagos", "NGA"), source_span=_span("Police"),
                  target_span=_span("a warehouse")),
            Event("e2", "ASSAULT", _span("fired"), None, None),
        ),
    )
    text = render_text(doc)
    assert text.startswith("# Raid in Lagos\n")
    assert "  Nigeria Police Force [ORG/NGA/COP] ×1" in text
    assert "  Ada Obi [PERSON] ×1 — Inspector" in text
    assert '  Ada Obi (said) [direct]: “We found nothing,”' in text
    assert "  ASSAULT: Nigeria Police Force → a warehouse on 2024-05-06 in Lagos" in text
    assert "  ASSAULT: ? → ?" in text  # no side named: nothing is guessed
