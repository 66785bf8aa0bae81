from __future__ import annotations

import jsonschema
import pytest

import newsgraph


def test_api_public_names_are_exported() -> None:
    for name in newsgraph.__all__:
        assert hasattr(newsgraph, name), name


def test_api_analyze_returns_schema_document(schema: dict[str, object]) -> None:
    doc = newsgraph.analyze(
        "President Joe Biden met Chancellor Olaf Scholz in Berlin on Monday. The two leaders "
        "discussed the war in Ukraine and promised to keep sending weapons.",
        published="2023-03-06",
    )
    jsonschema.validate(doc.to_dict(), schema)
    assert doc.article.language == "en"
    names = {a.name for a in doc.actors}
    assert "Olaf Scholz" in names
    for actor in doc.actors:
        for m in actor.mentions:
            assert doc.article.text[m.start : m.end] == m.text


def test_api_non_english_article_is_recorded_without_extraction() -> None:
    doc = newsgraph.analyze(
        "Le président a déclaré lundi que le gouvernement allait présenter une nouvelle loi "
        "sur les retraites devant le parlement à Paris."
    )
    assert doc.article.language == "fr"
    assert doc.actors == () and doc.quotes == () and doc.events == ()


def test_api_sentence_too_short_to_tell_its_language_is_still_read() -> None:
    # a language guess on three words is noise (py3langid: Swedish, at 0.12)
    doc = newsgraph.analyze("Russia attacked Georgia.")
    assert doc.article.language is None
    assert [(e.type, doc.actor(e.source).name, doc.actor(e.target).name) for e in doc.events] == [
        ("ASSAULT", "Russia", "Georgia")
    ]


def test_api_article_over_the_length_limit_is_recorded_and_the_batch_goes_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = newsgraph.Settings(max_chars=200)
    long_text = "The minister said the talks in Geneva would resume on Monday. " * 10
    short_text = "The minister said the talks in Geneva would resume on Monday."
    docs = list(
        newsgraph.analyze_articles(
            [
                newsgraph.Article(text=long_text, source="long.txt"),
                newsgraph.Article(text=short_text),
            ],
            settings,
        )
    )
    assert docs[0].actors == () and docs[0].article.text == long_text
    assert "long.txt" in caplog.text and "over the limit of 200" in caplog.text
    assert [q.cue.text for q in docs[1].quotes if q.cue] == ["said"]  # the next one is analysed
