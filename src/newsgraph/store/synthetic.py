"""Hand-made documents without spaCy: builders for tests, and a generator of a synthetic corpus
from templates for ``bench/store.py`` and demos. Spans are found in the text, so they are
always true to it."""

from __future__ import annotations

import random
from collections.abc import Iterator

from newsgraph.model import (
    Actor,
    ActorKind,
    Article,
    Document,
    Event,
    Place,
    Quote,
    QuoteKind,
    Span,
)


def actor(
    text: str, id: str, name: str, kind: ActorKind = "PERSON", *, country: str | None = None,
    sector: str | None = None, roles: tuple[str, ...] = (), aliases: tuple[str, ...] = (),
) -> Actor:
    """An actor mentioned wherever its name or an alias occurs in ``text``."""
    mentions = sorted(
        {Span.of(text, i, i + len(n)) for n in (name, *aliases) for i in _find_all(text, n)},
        key=lambda s: s.start,
    )
    return Actor(id, name, kind, tuple(mentions), country, sector, roles, aliases)


def quote(
    text: str, id: str, said: str, speaker: str | None = None, *, kind: QuoteKind = "direct",
    cue: str | None = None, channel: str | None = None,
) -> Quote:
    start = _find(text, said)
    cue_span = None
    if cue:
        at = _find(text, cue)
        cue_span = Span.of(text, at, at + len(cue))
    return Quote(id, kind, said, Span.of(text, start, start + len(said)), speaker,
                 cue=cue_span, channel=channel)


def event(
    text: str, id: str, type: str, trigger: str, *, source: str | None = None,
    target: str | None = None, date: str | None = None, place: Place | None = None,
    cameo: str | None = None, quote: str | None = None,
) -> Event:
    start = _find(text, trigger)
    return Event(id, type, Span.of(text, start, start + len(trigger)), source, target,
                 cameo=cameo, date=date, date_precision="day" if date else None, place=place,
                 quote=quote)


def document(
    text: str, *, title: str | None = None, outlet: str | None = None,
    published: str | None = None, source: str | None = None, url: str | None = None,
    actors: tuple[Actor, ...] = (), quotes: tuple[Quote, ...] = (),
    events: tuple[Event, ...] = (),
) -> Document:
    article = Article(text=text, title=title, outlet=outlet, published=published,
                      language="en", source=source, url=url)
    return Document(article, actors, quotes, events)


def _find(text: str, part: str) -> int:
    i = text.find(part)
    if i < 0:
        raise ValueError(f"{part!r} is not in the text")
    return i


def _find_all(text: str, part: str) -> Iterator[int]:
    i = text.find(part)
    while i >= 0:
        yield i
        i = text.find(part, i + 1)


# -- a synthetic corpus -----------------------------------------------------------------------

_FIRST = ("Anna", "Boris", "Chen", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
          "Karim", "Lena", "Marco", "Nadia", "Omar", "Priya", "Rafael", "Sara", "Tomas", "Yusuf")
_LAST = ("Abbas", "Berg", "Costa", "Dalton", "Eriksen", "Fischer", "Garcia", "Haddad", "Ivanov",
         "Jensen", "Kowalski", "Lopez", "Moreau", "Novak", "Okafor", "Petrov", "Quinn", "Rossi",
         "Santos", "Tanaka", "Usman", "Vargas", "Weber", "Yilmaz", "Zhang")
_COUNTRIES = (("KAZ", "Kazakh"), ("FRA", "French"), ("BRA", "Brazilian"), ("KEN", "Kenyan"),
              ("IND", "Indian"), ("DEU", "German"), ("USA", "US"), ("JPN", "Japanese"))
_ROLES = (("GOV", "Prime Minister"), ("GOV", "Foreign Minister"), ("OPP", "opposition leader"),
          ("BUS", "chief executive"), ("MIL", "army chief"), ("LEG", "MP"), ("NGO", "activist"))
_ORGS = (("United Nations", "UN", "IGO"), ("European Union", "EU", "IGO"),
         ("World Health Organization", "WHO", "IGO"), ("Amnesty International", None, "NGO"),
         ("International Monetary Fund", "IMF", "IGO"))
_PLACES = ("the capital", "the port city", "the northern province", "the border region")
_OUTLETS = ("Daily Ledger", "Harbour Times", "Metro Wire", "Evening Post", "Global Desk",
            "Capital Courier")
_EVENTS = (("ACCUSE", "accused", "12"), ("CONSULT", "met", "04"), ("PROTEST", "protested against",
           "14"), ("AGREE", "signed a deal with", "05"), ("THREATEN", "threatened", "13"),
           ("REQUEST", "called on", "10"), ("AID", "sent aid to", "07"),
           ("SANCTION", "imposed sanctions on", "16"), ("ASSAULT", "attacked", "18"))
_WHO = ("Officials", "Residents", "Analysts", "Diplomats", "Local traders", "Union members",
        "Opposition deputies", "Police officers", "Economists", "Students", "Farmers", "Doctors")
_DID = ("gave few details about", "expressed concern over", "were divided on", "welcomed",
        "criticised", "questioned the cost of", "called for a review of", "stayed silent on",
        "debated", "protested outside hearings on", "asked for clarity about", "praised")
_WHAT = ("the border agreement", "the new budget", "fuel prices", "the security operation",
         "the election timetable", "grain exports", "the pension reform", "water rationing",
         "the port expansion", "the mining licences", "public sector wages", "the curfew")
_WHEN = ("on Monday", "late on Wednesday", "over the weekend", "earlier this month",
         "during a televised debate", "at a news conference", "in a written statement",
         "after the meeting", "before the vote", "in recent weeks")
_SAYINGS = ("we will not accept these terms", "the talks were frank and useful",
            "our people deserve answers", "this decision protects jobs and families",
            "the violence must stop now", "we remain ready for dialogue")


def generate(n: int, seed: int = 0) -> Iterator[Document]:
    """``n`` synthetic documents from templates: a few hundred named people, with quotes and
    events between them, spread over four years and six outlets. Deterministic for a seed."""
    rng = random.Random(seed)
    people = [
        (first, last, *rng.choice(_COUNTRIES), *rng.choice(_ROLES))
        for first in _FIRST
        for last in _LAST
    ]
    for i in range(n):
        yield _synthetic_document(rng, people, i)


def _synthetic_document(
    rng: random.Random, people: list[tuple[str, str, str, str, str, str]], i: int
) -> Document:
    (f1, l1, c1, adj1, s1, r1), (f2, l2, c2, _, s2, _) = rng.sample(people, 2)
    org, acronym, org_sector = rng.choice(_ORGS)
    etype, verb, cameo = rng.choice(_EVENTS)
    day = f"{rng.randint(2020, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    saying, place = rng.choice(_SAYINGS), rng.choice(_PLACES)
    sentences = [
        f"{adj1} {r1} {f1} {l1} {verb} {f2} {l2} in {place} on Tuesday (report {i}).",
        f'"{saying.capitalize()}," {l1} told reporters.',
        f"{f2} {l2} said the {org} would examine the matter, according to a statement.",
        *(f"{rng.choice(_WHO)} {rng.choice(_DID)} {rng.choice(_WHAT)} {rng.choice(_WHEN)}, "
          f"with {rng.randint(2, 900)} {rng.choice(('people', 'firms', 'families', 'workers'))} "
          f"affected." for _ in range(6)),
    ]
    text = " ".join(sentences)
    said = saying.capitalize()
    actors = (
        actor(text, "a1", f"{f1} {l1}", country=c1, sector=s1, roles=(r1,), aliases=(l1,)),
        actor(text, "a2", f"{f2} {l2}", country=c2, sector=s2),
        actor(text, "a3", org, "ORG", sector=org_sector, aliases=(acronym,) if acronym else ()),
    )
    return document(
        text, title=f"{l1} {verb} {l2}", outlet=rng.choice(_OUTLETS), published=day,
        source=f"synthetic/{i}.txt",
        actors=actors,
        quotes=(quote(text, "q1", said, "a1", cue="told"),),
        events=(event(text, "e1", etype, verb, source="a1", target="a2", date=day,
                      cameo=cameo, place=Place(place, c1)),),
    )
