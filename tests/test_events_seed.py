"""The seed article's "Done when" list (issue 4). The body is cut out of the raw page here
(headline, byline and page furniture dropped), whatever the reader does."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsgraph
from newsgraph.model import Document, Event

SEED = (
    Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "kazakhstan-2022-01-08.txt"
)

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="../shared is not here")


@pytest.fixture(scope="module")
def doc() -> Document:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    body = "\n".join(lines[4:-3])  # headline x2, caption, byline; "News", "Dismiss" at the end
    return newsgraph.analyze(body, published="2022-01-08")


def _find(doc: Document, types: set[str], evidence: str) -> Event:
    for e in doc.events:
        near = doc.article.text[max(0, e.span.start - 80) : e.span.end + 80]
        if e.type in types and evidence in near:
            return e
    raise AssertionError(
        f"no {types} event near {evidence!r}: {[(e.type, e.span.text) for e in doc.events]}"
    )


def _name(doc: Document, actor_id: str | None) -> str | None:
    actor = doc.actor(actor_id)
    return actor.name if actor else None


def test_order_to_use_lethal_force(doc: Document) -> None:
    e = _find(doc, {"THREATEN", "COERCE"}, "lethal force")
    assert _name(doc, e.source) == "Kassym-Jomart Tokayev"
    assert _name(doc, e.target) == "security forces"
    assert (e.date, e.date_precision) == ("2022-01-07", "day")


def test_protests_this_week(doc: Document) -> None:
    e = _find(doc, {"PROTEST"}, "swept the country")
    assert (e.date, e.date_precision) == ("2022-01-03", "week")


def test_troop_deployment(doc: Document) -> None:
    e = _find(doc, {"MOBILIZE"}, "deployment of outside troops")
    assert _name(doc, e.source) == "troops"
    assert e.place is not None and e.place.country == "KAZ"


def test_us_questions_the_deployment(doc: Document) -> None:
    e = _find(doc, {"ACCUSE", "REJECT"}, "closely monitoring")
    assert _name(doc, e.source) == "US"
    assert (e.date, e.date_precision) == ("2022-01-07", "day")


def test_soldiers_open_fire_in_almaty_the_previous_day(doc: Document) -> None:
    e = _find(doc, {"ASSAULT"}, "opened fire")
    assert _name(doc, e.source) == "soldiers"
    assert _name(doc, e.target) == "protesters"
    assert (e.date, e.date_precision) == ("2022-01-06", "day")
    assert e.place is not None and e.place.name == "Almaty" and e.place.country == "KAZ"


def test_statement_events_are_dated_only_from_the_text(doc: Document) -> None:
    e = _find(doc, {"REQUEST"}, "Ablyazov insisted")
    assert e.hypothetical and e.date is None


@pytest.mark.parametrize(
    "types, evidence, source",
    [
        ({"ACCUSE"}, "“criminals”", "Kassym-Jomart Tokayev"),
        ({"ACCUSE"}, "“occupation”", "Mukhtar Ablyazov"),
        ({"REQUEST"}, "organise strikes", "Mukhtar Ablyazov"),
        ({"REJECT"}, "What kind of negotiations", "Kassym-Jomart Tokayev"),
    ],
)
def test_statements_read_from_quotes(
    doc: Document, types: set[str], evidence: str, source: str
) -> None:
    e = _find(doc, types, evidence)
    assert _name(doc, e.source) == source
    assert e.quote is not None
