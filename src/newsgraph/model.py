"""The records newsgraph produces: frozen dataclasses with schema-1 JSON in and out.

Every offset is a character offset into ``Article.text``, end exclusive. ``to_dict`` gives
exactly the JSON of ``shared/contract/document.schema.json``; ``from_dict`` reads it back.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = "1"

ActorKind = Literal["PERSON", "ORG", "GPE", "GROUP"]
QuoteKind = Literal["direct", "indirect", "mixed"]
DatePrecision = Literal["day", "week", "month", "year"]

EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
#: CAMEO root code of each PLOVER type: the first CAMEO root that PLOVER's CAMEO2PLOVER table
#: maps to it (REQUEST is CAMEO 10, "demand"). The events component, the quad classes of the
#: web UI and the GDELT export all read this one table.
CAMEO_ROOT: dict[str, str] = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07",
    "CONCEDE": "08", "RETREAT": "08", "REQUEST": "10", "ACCUSE": "11", "REJECT": "12",
    "THREATEN": "13", "PROTEST": "14", "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17",
    "ASSAULT": "18",
}  # fmt: skip
SECTORS: tuple[str, ...] = (
    "GOV", "MIL", "POL", "OPP", "REB", "JUD", "LEG",
    "MED", "BUS", "IGO", "NGO", "CVL", "REL", "EDU",
)


def article_id(text: str) -> str:
    """A stable id from the clean body, so the same article always gets the same id."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:20]


def _confidence(value: float) -> float:
    """Confidences are kept to 4 places, so a record equals itself read back from JSON."""
    return round(float(value), 4)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span ``text[start:end]``, its text taken from the source so they always agree."""
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        return cls(int(d["start"]), int(d["end"]), str(d.get("text", "")))


@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of the raw page that cleaning took out of the body, and why (``kind``)."""

    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    source: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    removed: tuple[Removed, ...] = ()
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", article_id(self.text))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "authors": list(self.authors),
            "outlet": self.outlet,
            "published": self.published,
            "language": self.language,
            "text": self.text,
            "removed": [{"text": r.text, "kind": r.kind} for r in self.removed],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        return cls(
            text=d["text"],
            title=d.get("title"),
            outlet=d.get("outlet"),
            published=d.get("published"),
            language=d.get("language"),
            source=d.get("source"),
            url=d.get("url"),
            authors=tuple(d.get("authors") or ()),
            removed=tuple(Removed(r["text"], r["kind"]) for r in d.get("removed") or ()),
            id=d.get("id") or "",
        )


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: ActorKind
    mentions: tuple[Span, ...]
    country: str | None = None
    sector: str | None = None
    roles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "sector": self.sector,
            "roles": list(self.roles),
            "aliases": list(self.aliases),
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        return cls(
            id=d["id"],
            name=d["name"],
            kind=d["kind"],
            mentions=tuple(Span.from_dict(m) for m in d.get("mentions") or ()),
            country=d.get("country"),
            sector=d.get("sector"),
            roles=tuple(d.get("roles") or ()),
            aliases=tuple(d.get("aliases") or ()),
        )


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    kind: QuoteKind
    text: str
    span: Span
    speaker: str | None = None
    speaker_span: Span | None = None
    cue: Span | None = None
    channel: str | None = None
    confidence: float = 1.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "confidence", _confidence(self.confidence))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "span": self.span.to_dict(),
            "speaker": self.speaker,
            "speaker_span": self.speaker_span.to_dict() if self.speaker_span else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "channel": self.channel,
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        return cls(
            id=d["id"],
            kind=d["kind"],
            text=d["text"],
            span=Span.from_dict(d["span"]),
            speaker=d.get("speaker"),
            speaker_span=Span.from_dict(d["speaker_span"]) if d.get("speaker_span") else None,
            cue=Span.from_dict(d["cue"]) if d.get("cue") else None,
            channel=d.get("channel"),
            confidence=float(d.get("confidence", 1.0)),
        )


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Place:
        return cls(
            name=d["name"],
            country=d.get("country"),
            lat=d.get("lat"),
            lon=d.get("lon"),
            geonames_id=d.get("geonames_id"),
        )


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: str
    span: Span
    source: str | None = None
    target: str | None = None
    mode: str | None = None
    cameo: str | None = None
    date: str | None = None
    date_precision: DatePrecision | None = None
    place: Place | None = None
    negated: bool = False
    hypothetical: bool = False
    quote: str | None = None
    confidence: float = 1.0
    #: The words naming the source and the target in this report ("he", "the embassy"): set
    #: also where a side is a place or a thing and so has no actor id.
    source_span: Span | None = None
    target_span: Span | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "confidence", _confidence(self.confidence))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "cameo": self.cameo,
            "source": self.source,
            "target": self.target,
            "source_span": self.source_span.to_dict() if self.source_span else None,
            "target_span": self.target_span.to_dict() if self.target_span else None,
            "date": self.date,
            "date_precision": self.date_precision,
            "place": self.place.to_dict() if self.place else None,
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "quote": self.quote,
            "span": self.span.to_dict(),
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        return cls(
            id=d["id"],
            type=d["type"],
            span=Span.from_dict(d["span"]),
            source=d.get("source"),
            target=d.get("target"),
            mode=d.get("mode"),
            cameo=d.get("cameo"),
            date=d.get("date"),
            date_precision=d.get("date_precision"),
            place=Place.from_dict(d["place"]) if d.get("place") else None,
            negated=bool(d.get("negated", False)),
            hypothetical=bool(d.get("hypothetical", False)),
            quote=d.get("quote"),
            confidence=float(d.get("confidence", 1.0)),
            source_span=Span.from_dict(d["source_span"]) if d.get("source_span") else None,
            target_span=Span.from_dict(d["target_span"]) if d.get("target_span") else None,
        )


@dataclass(frozen=True, slots=True)
class Document:
    """One analysed article: the schema-1 JSON object."""

    article: Article
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    schema_version: str = field(default=SCHEMA_VERSION)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "article": self.article.to_dict(),
            "actors": [a.to_dict() for a in self.actors],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        return cls(
            article=Article.from_dict(d["article"]),
            actors=tuple(Actor.from_dict(a) for a in d.get("actors") or ()),
            quotes=tuple(Quote.from_dict(q) for q in d.get("quotes") or ()),
            events=tuple(Event.from_dict(e) for e in d.get("events") or ()),
            schema_version=str(d.get("schema_version", SCHEMA_VERSION)),
        )

    @classmethod
    def from_json(cls, line: str) -> Document:
        return cls.from_dict(json.loads(line))

    def actor(self, actor_id: str | None) -> Actor | None:
        """The actor with this id, or None."""
        return next((a for a in self.actors if a.id == actor_id), None)
