"""The accurate event classifier (the shipped int8 MiniLM) on hand-written sentences, alone and
as the events component's ``classifier="accurate"`` mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from newsgraph import nlp
from newsgraph.errors import ModelError
from newsgraph.extract.event_transformer import event_transformer, load, marked
from newsgraph.model import Article
from newsgraph.pipeline import analyze_articles
from newsgraph.settings import Settings


def _spans(text: str, source: str | None, target: str | None) -> tuple[
    tuple[int, int] | None, tuple[int, int] | None
]:
    def at(name: str | None) -> tuple[int, int] | None:
        if name is None:
            return None
        i = text.index(name)
        return i, i + len(name)

    return at(source), at(target)


def test_marked_wraps_source_and_target_in_either_order() -> None:
    text = "Police arrested the protesters."
    assert marked(text, (0, 6), (20, 30)) == "[S] Police [/S] arrested the [T] protesters [/T]."
    assert marked(text, (20, 30), (0, 6)) == "[T] Police [/T] arrested the [S] protesters [/S]."
    assert marked(text, (0, 6), None) == "[S] Police [/S] arrested the protesters."
    assert marked(text, None, None) == text


CASES = [
    ("Soldiers opened fire on the protesters, killing twelve people.", "Soldiers",
     "the protesters", "ASSAULT"),
    ("Rebel fighters shelled the army's positions outside the city overnight.", "Rebel fighters",
     "the army", "ASSAULT"),
    ("Thousands of teachers marched against the government in the capital on Sunday.",
     "Thousands of teachers", "the government", "PROTEST"),
    ("The opposition leader demanded that the government release the prisoners.",
     "The opposition leader", "the government", "REQUEST"),
    ("The foreign minister accused the neighbouring country of sponsoring terrorism.",
     "The foreign minister", "the neighbouring country", "ACCUSE"),
    ("Israel agreed to a ceasefire with Hamas.", "Israel", "Hamas", "AGREE"),
]


@pytest.mark.parametrize(("text", "source", "target", "expected"), CASES)
def test_types_clear_sentences(
    text: str, source: str | None, target: str | None, expected: str
) -> None:
    label, probability = event_transformer().classify(text, *_spans(text, source, target))
    assert (label, text) == (expected, text)
    assert 0.0 < probability <= 1.0


def test_batches_give_the_same_answers_as_single_calls() -> None:
    model = event_transformer()
    items = [(t, *_spans(t, s, g)) for t, s, g, _ in CASES]
    batched, single = model.classify_many(items), [model.classify(*item) for item in items]
    assert [t for t, _ in batched] == [t for t, _ in single]
    assert [p for _, p in batched] == pytest.approx([p for _, p in single], abs=1e-3)


def test_a_folder_missing_the_model_is_a_model_error(tmp_path: Path) -> None:
    (tmp_path / "labels.json").write_text('["ASSAULT", "NONE"]', encoding="utf-8")
    with pytest.raises(ModelError, match="the accurate event classifier is missing"):
        load(tmp_path)


@pytest.fixture(scope="module")
def accurate() -> Language:
    return nlp.load(Settings(event_classifier="accurate"))


def test_accurate_mode_types_the_events_of_an_article(accurate: Language) -> None:
    text = (
        "Riot police fired tear gas at the demonstrators in the capital on Friday.\n\n"
        "The opposition demanded that the president resign."
    )
    doc = accurate(text)
    types = {e.type for e in doc._.events}
    assert "ASSAULT" in types
    assert "REQUEST" in types


def test_accurate_setting_reaches_the_pipeline() -> None:
    article = Article(
        text="Government troops attacked the rebels near the border on Monday.", language="en"
    )
    (doc,) = analyze_articles([article], Settings(event_classifier="accurate"))
    assert [e.type for e in doc.events] == ["ASSAULT"]


def test_unknown_classifier_is_a_model_error() -> None:
    from newsgraph.extract.events import EventComponent

    with pytest.raises(ModelError, match="unknown event classifier 'best'"):
        EventComponent(0.5, "best")
