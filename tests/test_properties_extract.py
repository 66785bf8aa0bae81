"""Properties of the extractors on any text: every span is where it says, nothing raises, and
the Document always validates against the schema."""

from __future__ import annotations

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from newsgraph.model import Article, Document, Span
from newsgraph.pipeline import analyze_articles
from newsgraph.settings import DEFAULT_SETTINGS

EXAMPLES = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

NAMES = ["Maria Lopez", "President Joe Biden", "the ministry", "Kassym-Jomart Tokayev",
         "Ngozi Okonjo-Iweala", "Anna Berg, a spokeswoman for the police,", "He", "Officials",
         "Zoë O'Brien-Çelik", "محمد بن سلمان", "Владимир Путин", "李强"]
VERBS = ["said", "told reporters", "warned", "accused the army of lying", "met", "attacked",
         "denied", "promised", "claimed", "added"]
PLACES = ["in Almaty", "in Lagos on Friday", "on 31 February 2022", "last week", "in 2019",
          "on Monday, Jan. 3", "near the border", ""]
OPEN_CLOSE = [('"', '"'), ("“", "”"), ("«", "»"), ("„", "“"), ("'", "'"), ("‘", "’"),
              ('"', ""), ("", "”")]
STATEMENTS = ["We will win the vote", "The border stays closed", "Nobody was hurt",
              "There will be no talks with the criminals", "", "   ", "¿Qué?", "مرحبا بالعالم",
              "He said she said \"they said\""]


@st.composite
def sentences(draw: st.DrawFn) -> str:
    name, verb, where = (draw(st.sampled_from(NAMES)), draw(st.sampled_from(VERBS)),
                         draw(st.sampled_from(PLACES)))
    opened, closed = draw(st.sampled_from(OPEN_CLOSE))
    statement = draw(st.sampled_from(STATEMENTS))
    shapes = [
        f"{name} {verb} {where}.",
        f"{opened}{statement},{closed} {name} {verb} {where}.",
        f"{name} {verb}: {opened}{statement}.{closed}",
        f"{opened}{statement}{closed} – {name}",
        f"{name} {verb} that {statement.lower()} {where}.",
    ]
    return draw(st.sampled_from(shapes))


news_like = st.lists(
    st.one_of(sentences(), st.text(max_size=20), st.sampled_from(["\n\n", "\n", " ", "\t"])),
    min_size=1, max_size=8,
).map(" ".join)


def _check_span(text: str, span: Span | None, what: str) -> None:
    if span is None:
        return
    assert 0 <= span.start <= span.end <= len(text), f"{what} {span} is outside the text"
    assert span.text == text[span.start:span.end], f"{what} {span} is not the text it covers"


def check(document: Document, schema: dict[str, object]) -> None:
    text = document.article.text
    actor_ids = {a.id for a in document.actors}
    quote_ids = {q.id for q in document.quotes}
    for a in document.actors:
        assert a.mentions, f"actor {a.id} has no mention"
        for mention in a.mentions:
            _check_span(text, mention, f"actor {a.id} mention")
    for q in document.quotes:
        _check_span(text, q.span, f"quote {q.id} span")
        _check_span(text, q.speaker_span, f"quote {q.id} speaker_span")
        _check_span(text, q.cue, f"quote {q.id} cue")
        assert q.speaker is None or q.speaker in actor_ids
    for e in document.events:
        _check_span(text, e.span, f"event {e.id} span")
        assert e.source is None or e.source in actor_ids
        assert e.target is None or e.target in actor_ids
        assert e.quote is None or e.quote in quote_ids
    body = document.to_dict()
    jsonschema.validate(body, schema)
    assert Document.from_dict(body) == document


def analyse(text: str, published: str | None = "2022-01-08") -> Document:
    article = Article(text=text, published=published, language="en")
    return next(analyze_articles([article], DEFAULT_SETTINGS))


@EXAMPLES
@given(text=st.text(max_size=400))
def test_any_unicode_text(pipeline: Language, schema: dict[str, object], text: str) -> None:
    check(analyse(text), schema)


@EXAMPLES
@given(text=news_like, published=st.sampled_from([None, "2022-01-08", "2022-01-08T10:00:00Z"]))
def test_news_like_text(pipeline: Language, schema: dict[str, object], text: str,
                        published: str | None) -> None:
    check(analyse(text, published), schema)


def test_the_news_like_strategy_does_reach_the_extractors(
    pipeline: Language, schema: dict[str, object]
) -> None:
    text = ('"The border stays closed," Maria Lopez said in Almaty. '
            "President Joe Biden accused the army of lying on 31 February 2022.")
    document = analyse(text)
    check(document, schema)
    assert document.quotes and document.actors and document.events
