from __future__ import annotations

import json

import jsonschema
import pytest

from conftest import SHARED
from newsgraph.model import (
    Actor,
    Article,
    Document,
    Event,
    Place,
    Quote,
    Removed,
    Span,
    article_id,
)

TEXT = 'Tokayev said: "We will win." Soldiers fired on protesters in Almaty.'


def _full_document() -> Document:
    article = Article(
        text=TEXT,
        title="A headline",
        outlet="bne IntelliNews",
        published="2022-01-08",
        language="en",
        source="x.txt",
        authors=("A. Writer",),
        removed=(Removed("Dismiss", "furniture"),),
    )
    tokayev = Actor("a1", "Kassym-Jomart Tokayev", "PERSON", (Span.of(TEXT, 0, 7),),
                    country="KAZ", sector="GOV", roles=("President",), aliases=("Tokayev",))
    quote = Quote("q1", "direct", "We will win.", Span.of(TEXT, 15, 27), speaker="a1",
                  speaker_span=Span.of(TEXT, 0, 7), cue=Span.of(TEXT, 8, 12), confidence=0.9)
    event = Event("e1", "ASSAULT", Span.of(TEXT, 29, 68), source="a2", target="a3",
                  cameo="18", date="2022-01-06", date_precision="day",
                  place=Place("Almaty", "KAZ", 43.25, 76.92, 1526384), confidence=0.8,
                  source_span=Span.of(TEXT, 29, 37), target_span=Span.of(TEXT, 47, 57))
    return Document(article, (tokayev,), (quote,), (event,))


def test_model_document_round_trips_through_json() -> None:
    doc = _full_document()
    assert Document.from_json(doc.to_json()) == doc


def test_model_document_validates_against_schema(schema: dict[str, object]) -> None:
    jsonschema.validate(_full_document().to_dict(), schema)
    jsonschema.validate(Document(Article(text="x")).to_dict(), schema)


def test_model_span_text_is_taken_from_source() -> None:
    assert Span.of(TEXT, 0, 7).text == "Tokayev"


def test_model_article_id_depends_on_content_only() -> None:
    assert Article(text=TEXT).id == Article(text=TEXT, title="other", source="y").id
    assert article_id(TEXT) == article_id(TEXT.replace(" ", "  "))
    assert article_id(TEXT) != article_id(TEXT + " More.")


def test_model_shipped_schema_is_the_contract() -> None:
    contract = SHARED / "contract" / "document.schema.json"
    if not contract.exists():
        pytest.skip(f"{contract} is not beside the repository")
    from newsgraph.resources import path

    shipped = json.loads(path("document.schema.json").read_text(encoding="utf-8"))
    assert shipped == json.loads(contract.read_text(encoding="utf-8"))
