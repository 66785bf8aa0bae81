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
    e = _find(doc, {"REQUEST"}, "should consider sanctions")
    assert e.hypothetical and e.date is None


def test_an_insistence_that_something_is_so_asks_for_nothing(doc: Document) -> None:
    with pytest.raises(AssertionError):
        _find(doc, {"REQUEST"}, "Ablyazov insisted that the regime")


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


def test_the_criminals_charge_is_aimed_at_the_protesters_on_the_day_it_was_made(
    doc: Document,
) -> None:
    """ "the protests that have this week swept the country ... that they have been organised
    by criminals": the date is January 7, when it was said, not "this week"."""
    e = _find(doc, {"ACCUSE"}, "“criminals”")
    assert _name(doc, e.target) == "protesters"
    assert (e.date, e.date_precision) == ("2022-01-07", "day")


def test_the_call_for_sanctions_is_a_request_to_the_west(doc: Document) -> None:
    e = _find(doc, {"REQUEST"}, "should consider")
    assert (_name(doc, e.source), _name(doc, e.target)) == ("Mukhtar Ablyazov", "the West")
    assert e.hypothetical


def test_a_tenure_gives_no_event_date(doc: Document) -> None:
    """ "he headed one of Kazakhstan's largest banks ... from 2005 to 2009"."""
    assert not [e for e in doc.events if e.date in ("2005-01-01", "2009-01-01")]


def test_no_events_from_states_guesses_or_the_owner_of_a_place(doc: Document) -> None:
    """ "troops are on Kazakh soil", "not confident that the ... forces would stay loyal",
    "banned in his homeland" are no events; Ablyazov does nothing to Kazakhstan."""
    told = {(e.type, _name(doc, e.source), _name(doc, e.target)) for e in doc.events}
    assert not {t for t in told if t[1] in ("troops", "forces") and t[0] == "AGREE"}
    assert ("COERCE", "Mukhtar Ablyazov", "Kazakhstan") not in told


def test_the_call_for_strikes_is_made_of_people(doc: Document) -> None:
    """ "I am urging people to organise strikes": "people" is no actor, but the request's
    target, named by its words."""
    e = _find(doc, {"REQUEST"}, "organise strikes")
    assert e.target_span is not None and e.target_span.text == "people"


def test_kazakhstan_tried_ablyazov(doc: Document) -> None:
    """ "he is a fugitive whom Kazakhstan has tried and sentenced", read through the relative
    clause; and his tenure at the bank ("headed one of Kazakhstan's largest banks") is a post,
    no event (it was AGREE, then CONSULT)."""
    e = _find(doc, {"COERCE"}, "whom Kazakhstan has tried")
    assert (_name(doc, e.source), _name(doc, e.target)) == ("Kazakhstan", "Mukhtar Ablyazov")
    assert e.confidence >= 0.5
    assert not [e for e in doc.events if "headed" in e.span.text]
