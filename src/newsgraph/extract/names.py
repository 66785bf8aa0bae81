"""Named mentions: spaCy's entities repaired, and grouped into one entity per real name.

Repairs: brackets, titles and possessives stripped ("Vladimir] Putin's"); nationality
adjectives ("Kazakh" tagged ORG) dropped; people tagged ORG or GPE relabelled; a possessor
run into a name split off ("Green Party's Jill Stein"); proper names spaCy missed added
("RFE/RL", "PRISM", a repeated surname, "de Vries"); a one-word name of one kind throughout
("Harbourline" tagged PERSON once, ORG twice); a city tagged PERSON where it is named as a
place retagged GPE (``retag_places``). Grouping: surnames ("Tokayev" = "Kassym-Jomart
Tokayev", "de Vries" = "Anneke de Vries"), acronyms and parenthesised short forms ("Collective
Security Treaty Organization (CSTO)"), one country per ISO code.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newsgraph.extract.attachment import PLACE_NOUNS, in_location_phrase
from newsgraph.extract.coref import Entity
from newsgraph.extract.lexicon import (
    BODY_NOUNS,
    ORG_WORDS,
    ROLE_NOUNS,
    country_of,
    demonym_of,
    gender_of,
    is_country,
    named_info,
)
from newsgraph.extract.places import gazetteer
from newsgraph.extract.token_table import doc_text, table
from newsgraph.model import ActorKind

_LABELS: dict[str, ActorKind] = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "GROUP"}
_SPEECH_VERBS = frozenset(
    {"say", "tell", "add", "write", "argue", "claim", "insist", "warn", "note", "explain"}
)
_STRIP = "[]()“”\"'‘’«»"
_POSSESSIVE_END = re.compile(r"[’']s$")
_BRACKETS = re.compile(r"[\[\]()]")
_MODIFIERS = frozenset({"amod", "compound"})
_TITLES = frozenset(["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "miss", "sir"])
#: Lower-case words inside surnames: "Anneke de Vries" is "de Vries", "Ursula von der Leyen"
#: "von der Leyen".
_PARTICLES = frozenset(
    ["de", "da", "das", "del", "della", "der", "den", "di", "do", "dos", "du", "la", "le",
     "ten", "ter", "van", "von", "bin", "ibn", "al", "el"]
)


@dataclass(frozen=True, slots=True)
class Named:
    """A repaired named mention: tokens ``start:end``, its clean name and kind."""

    start: int
    end: int
    name: str
    kind: ActorKind


def named_mentions(doc: Doc) -> list[Named]:
    found: list[Named] = []
    taken: set[int] = set()
    for ent in doc.ents:
        taken.update(range(ent.start, ent.end))
        found += _repair(doc, ent.start, ent.end, ent.label_)
    runs = list(_proper_runs(doc, taken))
    found += [m for m in runs if m.kind != "PERSON"]
    surnames = {m.name.split()[-1].lower() for m in found if m.kind == "PERSON" and " " in m.name}
    found += [
        m
        for m in runs
        if m.kind == "PERSON"
        and (m.name.split()[-1].lower() in surnames or _unknown_speaker(doc[m.start : m.end]))
    ]
    found.sort(key=lambda m: m.start)
    found = [
        Named(m.start, m.end, m.name, "PERSON")
        if m.kind in {"ORG", "GPE"} and " " not in m.name and m.name.lower() in surnames
        else m
        for m in found
    ]
    return _one_kind_per_word(found)


def _one_kind_per_word(found: list[Named]) -> list[Named]:
    """A one-word name spaCy tagged a person here and an organisation there ("port operator
    Harbourline", "Harbourline offered") is of the kind most of its mentions have."""
    kinds: dict[str, Counter[ActorKind]] = {}
    for m in found:
        if " " not in m.name and m.kind in ("PERSON", "ORG"):
            kinds.setdefault(m.name.lower(), Counter())[m.kind] += 1
    settled: dict[str, ActorKind] = {}
    for name, counts in kinds.items():
        (top, n), *rest = counts.most_common()
        if rest and n > rest[0][1]:
            settled[name] = top
    if not settled:
        return found
    return [
        Named(m.start, m.end, m.name, settled[m.name.lower()])
        if m.kind in ("PERSON", "ORG") and m.name.lower() in settled
        else m
        for m in found
    ]


def retag_places(doc: Doc) -> None:
    """A one-word place spaCy tagged a person ("walked off the job in the port city of
    Rotterdam") is retagged GPE in ``doc.ents``, where it is named as a place: after a
    preposition of place, or after "the city of"; then it is no actor, and events can be placed
    there."""
    ents = doc.ents
    fixed = [
        SpacySpan(doc, e.start, e.end, label="GPE")
        if e.label_ == "PERSON" and len(e) == 1 and _named_as_place(e) and gazetteer().knows(e.text)
        else e
        for e in ents
    ]
    if any(a is not b for a, b in zip(fixed, ents, strict=True)):
        doc.ents = fixed


def _named_as_place(ent: SpacySpan) -> bool:
    """Whether an entity stands where a place does: "in Rotterdam", "the city of Rotterdam"."""
    root = ent.root
    if in_location_phrase(ent):
        return True
    prep = root.head
    return root.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_ in PLACE_NOUNS


def _unknown_speaker(span: SpacySpan) -> bool:
    """Two or three capitalised words spaCy did not tag, the subject of a speech verb:
    "Beck Pimentel said" (a person more often than not)."""
    words = span.text.split()
    return (
        2 <= len(words) <= 3
        and all(w[:1].isupper() and w[1:].islower() for w in words)
        and span.root.dep_ == "nsubj"
        and span.root.head.lemma_ in _SPEECH_VERBS
    )


def _repair(doc: Doc, start: int, end: int, label: str) -> list[Named]:
    """An entity as named actor mentions: none when it names no actor, two when spaCy ran a
    possessor into a name ("Green Party's Jill Stein"). The words are read off the Doc's token
    table (``Token.dep_``, ``is_punct``, ``lower_`` and ``tag_`` without making Tokens)."""
    tokens = table(doc)
    dep, punct, lower, tag = tokens.dep, tokens.is_punct, tokens.lower, tokens.tag
    while start < end and (dep[start] == "det" or punct[start] or lower[start] in _TITLES):
        start += 1
    while end > start and (tag[end - 1] == "POS" or punct[end - 1]):
        end -= 1
    if start >= end:
        return []
    inner = next((k for k in range(start + 1, end - 1) if tag[k] == "POS"), None)
    if inner is not None:
        return _repair(doc, start, inner, label) + _repair(doc, inner + 1, end, label)
    found = _classify(doc, start, end, label)
    return [found] if found else []


def _classify(doc: Doc, start: int, end: int, label: str) -> Named | None:
    """The kind of actor a (trimmed) entity, tokens ``start:end``, names, or None."""
    text = doc_text(doc)[slice(*table(doc).chars(start, end))]  # the span's text
    name = _clean_name(text)
    if not any(c.isalpha() for c in name):
        return None
    if label == "LOC" and name.lower() == "west":
        return Named(start, end, "the West", "GROUP")
    if label not in _LABELS or (name.endswith(".") and len(name) <= 4 and not is_country(name)):
        return None  # "Jr.", "Ky."
    if named_info(name)[1] in {"MED", "IGO", "NGO", "BUS"}:
        return Named(start, end, name, "ORG")  # "Associated Press" tagged GPE
    if label == "NORP" and is_country(name):
        return Named(start, end, name, "GPE")  # "aid to Tajikistan" tagged NORP
    if demonym_of(name) or label == "NORP":  # "Kazakhs", "Republicans" act; "Kazakh" does not
        plural_noun = name.lower().endswith("s") and doc[start:end].root.dep_ not in _MODIFIERS
        return Named(start, end, name, "GROUP") if plural_noun else None
    if country_of(name) and label != "PERSON":
        return Named(start, end, name, "GPE")
    org_person = label == "ORG" and _looks_like_person(text)
    person = label == "PERSON" or org_person
    if person and demonym_of(name.split()[0]) and _before_title(doc, end):
        return None  # "Kenyan Transport" of "Kenyan Transport Secretary Daniel Kiprono"
    if org_person:
        return Named(start, end, name, "PERSON")
    if label == "PERSON" and " " in name and name.split()[-1].lower() in ORG_WORDS:
        return Named(start, end, name, "ORG")  # "John Birch Society"
    return Named(start, end, name, _LABELS[label])


def _before_title(doc: Doc, end: int) -> bool:
    """Whether the token at ``end`` is a role noun ("Secretary", "Minister")."""
    return end < len(doc) and table(doc).lower[end] in ROLE_NOUNS


def _clean_name(text: str) -> str:
    """A name without brackets, a possessive ending or doubled spaces: "Vladimir] Putin's"."""
    text = _POSSESSIVE_END.sub("", text.strip())
    return " ".join(_BRACKETS.sub(" ", text).split())


def _looks_like_person(text: str) -> bool:
    """An ORG that is a personal name (``text``): two or three capitalised words, no
    organisation word."""
    words = text.split()
    if not 2 <= len(words) <= 3 or any(w.lower() in ORG_WORDS for w in words):
        return False
    if named_info(text)[1] in {"MED", "IGO", "NGO", "BUS"}:
        return False
    # "ArcelorMittal", not "McCain" nor "Kassym-Jomart"
    camel = any(any(c.isupper() for c in part[3:]) for w in words for part in w.split("-"))
    return not camel and all(
        (w[0].isupper() and not w.isupper()) or (0 < k < len(words) - 1 and w in _PARTICLES)
        for k, w in enumerate(words)
    )


def _proper_runs(doc: Doc, taken: set[int]) -> Iterator[Named]:
    """Proper names spaCy's NER missed: acronyms ("RFE/RL", "PRISM") and organisation names
    as ORG, countries as GPE, and any other run of proper nouns as a possible PERSON (kept
    only if it repeats a surname found elsewhere)."""
    tokens = table(doc)
    pos, text = tokens.pos, tokens.text
    i = 0
    while i < len(doc):
        if pos[i] != "PROPN" or i in taken:
            i += 1
            continue
        j = i + 1
        while (
            j < len(doc)
            and j not in taken
            and (
                pos[j] == "PROPN"
                or (text[j] in {"/", "&"} and j + 1 < len(doc) and pos[j + 1] == "PROPN")
            )
        ):
            j += 1
        name = doc_text(doc)[slice(*tokens.chars(i, j))].strip()  # the run's text
        if i > 0 and j < len(doc) and doc[i - 1].text in _STRIP and doc[j].text in _STRIP:
            i = j
            continue
        words = name.replace("/", " ").split()
        if country_of(name) and not demonym_of(name):
            yield Named(i, j, name, "GPE")
        elif (
            named_info(name) != (None, None)
            or any(w.lower() in ORG_WORDS for w in words)
            or (_before_org_noun(doc, i, j) and (j - i > 1 or not doc[i].is_sent_start))
            or all(len(w) > 2 and w.isupper() for w in words)
        ):
            if not demonym_of(name):
                yield Named(i, j, name, "ORG")
        elif j - i <= 3 and (name[:1].isupper() or (j - i > 1 and words[0] in _PARTICLES)):
            yield Named(i, j, name, "PERSON")  # kept if a surname repeats, see _named_mentions
        i = j


def _before_org_noun(doc: Doc, i: int, j: int) -> bool:
    """ "the Butun Kyrgyzstan party": a name right before an organisation noun."""
    following = doc[j] if j < len(doc) else None
    return (
        following is not None
        and following.pos_ == "NOUN"
        and (following.lemma_.lower() in BODY_NOUNS | ORG_WORDS)
    )


def cluster(doc: Doc, named: list[Named]) -> tuple[list[Entity], dict[int, Entity]]:
    """Entities from named mentions, and the entity that owns each named mention (by start)."""
    entities: list[Entity] = []
    owner: dict[int, Entity] = {}
    previous: Named | None = None
    for m in named:
        entity = _short_form_of(doc, previous, m, owner) or _match(entities, m)
        if entity is None:
            entity = Entity(kind=m.kind, plural=m.kind == "GROUP" and m.name.endswith("s"))
            entities.append(entity)
        if m.name not in entity.names:  # each distinct name once, in order of first mention
            entity.names.append(m.name)
        entity.spans.append((m.start, m.end))
        if m.kind == "PERSON" and " " in m.name and entity.gender is None:
            entity.gender = gender_of(m.name.split()[0])
        owner[m.start] = entity
        previous = m
    return entities, owner


def _short_form_of(
    doc: Doc, previous: Named | None, m: Named, owner: dict[int, Entity]
) -> Entity | None:
    """The entity of "Collective Security Treaty Organization" for the "(CSTO)" after it,
    also when spaCy's entity stopped short ("Organization for Security and Co-operation" + "in
    Europe (OSCE)"): the words in between then join the long name."""
    if previous is None or previous.kind == "PERSON" or m.start < 1 or doc[m.start - 1].text != "(":
        return None
    if m.end >= len(doc) or doc[m.end].text != ")" or not 1 <= m.start - previous.end <= 4:
        return None
    between = doc[previous.end : m.start - 1]
    if any(t.pos_ not in {"ADP", "DET", "PROPN", "CCONJ"} for t in between):
        return None
    entity = owner[previous.start]
    if len(between):
        entity.names[-1] = _clean_name(doc[previous.start : m.start - 1].text)
        entity.spans[-1] = (previous.start, m.start - 1)
    return entity


def _match(entities: list[Entity], m: Named) -> Entity | None:
    for entity in entities:
        if entity.kind != m.kind and not {entity.kind, m.kind} <= {"ORG", "GPE"}:
            continue
        if any(_same_name(n, m.name, m.kind) for n in entity.names):
            return entity
    return None


@lru_cache(maxsize=65_536)
def _same_name(a: str, b: str, kind: str) -> bool:
    la, lb = a.lower(), b.lower()
    if la == lb:
        return True
    if kind == "PERSON":
        wa, wb = la.split(), lb.split()
        if len(wa) == 1 or len(wb) == 1:  # "Tokayev", and "Xi" for "Xi Jinping"
            one, full = (wa, wb) if len(wa) == 1 else (wb, wa)
            return one[0] in (full[-1], full[0]) and (one[0] == full[-1] or len(full) == 2)
        short, full = (wa, wb) if len(wa) < len(wb) else (wb, wa)
        if short[0] in _PARTICLES and full[-len(short) :] == short:
            return True  # "de Vries" for "Anneke de Vries"
        return wa[-1] == wb[-1] and wa[0] == wb[0]
    if kind == "GPE":
        return is_country(a) and is_country(b) and country_of(a) == country_of(b)
    return _acronym(a) == b.replace("/", "").replace(".", "") or _acronym(b) == a.replace(
        "/", ""
    ).replace(".", "")


def _acronym(name: str) -> str:
    """Initials of a name's significant words: "Agence France-Presse" -> "AFP"."""
    words = re.split(r"[\s/-]+", name)
    return "".join(w[0] for w in words if w and w[0].isupper())
