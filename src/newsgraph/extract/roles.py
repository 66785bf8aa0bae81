"""What the text says an actor is: roles, country and affiliation, read from the parse.

Three places carry it: premodifiers ("Kazakhstan's authoritarian President Kassym-Jomart
Tokayev", "US State Department spokesperson Ned Price"), appositions ("Ben Godwin, a political
risk consultant with London-based PRISM"; "one of Kazakhstan's largest banks, BTA Bank") and
copular predicates ("he is a fugitive"). Each gives a :class:`Descriptor`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newsgraph.extract.lexicon import ROLE_MODIFIERS, agent_sector, is_agent, place_code
from newsgraph.extract.token_table import table

_PRE_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})
_AFFILIATION_PREPS = frozenset({"with", "at", "of", "for", "from", "in"})
_GENERIC_HEADS = frozenset(
    {"leader", "head", "chief", "member", "official", "spokesperson", "spokesman", "candidate",
     "spokeswoman", "representative", "chairman", "chairwoman", "chair", "director"}
)  # fmt: skip
_BOUNDARY_DEPS = frozenset({"det", "poss", "case", "punct", "prep", "cc"})


@dataclass(frozen=True, slots=True)
class Descriptor:
    """One description of an actor: a role phrase, a country, a sector, the token of an
    organisation it is affiliated with (resolved to an actor later), the tokens it covers, and
    the country it is based in ("London-based": an organisation's country, not a person's)."""

    role: str | None = None
    country: str | None = None
    sector: str | None = None
    affiliation: int | None = None
    tokens: tuple[int, ...] = ()
    based: str | None = None


def premodifier(span: SpacySpan) -> Descriptor | None:
    """The title and country before a name: "Russian President Vladimir Putin". The name's
    left children are read off the Doc's token table (no Token for each word and child)."""
    doc = span.doc
    tokens = table(doc)
    dep = tokens.dep
    lefts = [
        c
        for t in range(span.start, span.end)
        for c in tokens.children(t)
        if c < span.start and dep[c] in _PRE_DEPS  # a left child of ``t``, before the name
    ]
    if not lefts:
        return None
    start = min(doc[c].left_edge.i for c in lefts)
    words = [t for t in doc[start : span.start] if t.text not in "[]()"]
    return _describe(words, is_name=True)


def apposition(span: SpacySpan) -> Descriptor | None:
    """The noun phrase in apposition to a name, either way round: "Ben Godwin, a consultant",
    "one of Kazakhstan's largest banks, BTA Bank"."""
    doc, root = span.doc, span.root.i
    tokens = table(doc)  # the parse by token index: a Token only for the phrase described
    dep, pos, head, text = tokens.dep, tokens.pos, tokens.head, tokens.text
    for child in tokens.children(root):
        if (
            child > root
            and dep[child] == "appos"
            and pos[child] == "NOUN"
            and doc[child].left_edge.i == span.end + 1
            and text[span.end] in ",(—–-"
        ):
            return _noun_phrase(doc[child])
    if (
        dep[root] == "appos"
        and pos[head[root]] in ("NOUN", "PROPN")  # "Tanzania's Minister of Works, Grace ..."
        and head[root] < root
        and text[span.start - 1] in ",(—–-"
    ):
        return _noun_phrase(doc[head[root]])
    return None


def bracketed(span: SpacySpan) -> Descriptor | None:
    """ "Nursultan Nazarbayev [the former Kazakh president who ruled ...]", which the parser
    often splits off as a sentence of its own."""
    doc = span.doc
    if span.end + 2 >= len(doc) or table(doc).text[span.end] not in "[(":
        return None
    for k in range(span.end + 1, min(span.end + 8, len(doc))):
        t = doc[k]
        if t.pos_ == "NOUN" and is_agent(t.text):
            return _noun_phrase(t, words=list(doc[span.end + 1 : k + 1]))
        if t.pos_ not in {"DET", "ADJ", "PROPN", "NOUN"}:
            return None
    return None


def predicate(token: Token) -> Descriptor | None:
    """ "X is a fugitive": the attribute of a copula whose subject is ``token``."""
    if token.dep_ != "nsubj" or token.head.lemma_ != "be":
        return None
    attr = next((c for c in token.head.rights if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
    return _noun_phrase(attr) if attr is not None and is_agent(attr.text) else None


def fronted(pronoun: Token) -> Descriptor | None:
    """ "A former Kazakh energy minister, he headed ...": a noun phrase that opens the sentence,
    then a comma, then the subject pronoun."""
    doc = pronoun.doc
    if pronoun.i < 2 or doc[pronoun.i - 1].text != "," or pronoun.dep_ != "nsubj":
        return None
    noun = doc[pronoun.i - 2]
    opening = next(t for t in noun.sent if not t.is_space)
    if noun.pos_ != "NOUN" or noun.left_edge.i != opening.i or not is_agent(noun.text):
        return None
    return _noun_phrase(noun)


def _noun_phrase(noun: Token, words: list[Token] | None = None) -> Descriptor | None:
    """The descriptor a common noun phrase gives: "a political risk consultant with PRISM",
    "an independent news site", "its chairman" (affiliated with whatever "its" is)."""
    compounds = " ".join(c.text for c in noun.lefts if c.dep_ == "compound")
    if not is_agent(noun.text) and not agent_sector(f"{compounds} {noun.text}"):
        return None
    if words is None:
        words = [t for t in noun.subtree if t.i <= noun.i and t.text not in "[]()"]
    found = _describe(words, is_name=False)
    possessor = next((c.i for c in noun.lefts if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    affiliation = None
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ in _AFFILIATION_PREPS:
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ == "PROPN":
                affiliation = pobj.i
    affiliation = affiliation if affiliation is not None else possessor
    tokens = tuple(t.i for t in noun.subtree)
    if found is None:
        return Descriptor(affiliation=affiliation, tokens=tokens) if affiliation else None
    return Descriptor(found.role, found.country, found.sector, affiliation, tokens, found.based)


def _describe(words: list[Token], *, is_name: bool) -> Descriptor | None:
    """Role, country and sector from the words before a name or in a descriptive phrase."""
    country = based = None
    affiliation = None
    role_start = 0
    for k, t in enumerate(words):
        if t.tag_ == "POS":
            role_start = k + 1
            continue
        code = place_code(t.text) if t.pos_ in {"PROPN", "ADJ", "NOUN"} else None
        if t.dep_ == "poss" or (t.ent_type_ in {"GPE", "ORG"} and not code):
            if code:
                country = country or code
            elif t.dep_ == "poss" or t.ent_type_ == "ORG":
                affiliation = t.i  # resolved later; only organisations and countries count
            role_start = k + 1
        elif t.dep_ in _BOUNDARY_DEPS or t.text in {"’s", "'s", ","}:
            role_start = k + 1
        elif code and t.dep_ == "npadvmod":
            if t.head.lemma_ == "base":
                based = based or code
        elif code:
            country = country or code
        elif t.text == "-" or t.lower_ in {"based", "led"}:
            role_start = k + 1
    role_words = words[role_start:]
    if is_name:
        role_words = _trim_modifiers(role_words)
    else:
        role_words = [t for t in role_words if t.dep_ != "det"]
    role = None
    if role_words and is_agent(role_words[-1].text):
        role = join_tokens(role_words)
    sector = role_sector(role) if role else None
    if role is None and not is_name:  # "an independent news site": no role, but a sector
        sector = agent_sector(join_tokens(role_words))
    if role is None and sector is None and (country, affiliation, based) == (None, None, None):
        return None
    tokens = tuple(t.i for t in words)
    return Descriptor(role, country, sector, affiliation, tokens, based)


_TITLE_STOP = frozenset(
    {"a", "an", "the", "as", "and", "or", "of", "to", "in", "on", "for", "with", "says", "said"}
)


def headline_role(title: str, surname: str) -> str | None:
    """The role a headline puts before a surname: "Fugitive banker Ablyazov lays claim ..." ->
    "Fugitive banker". Headlines are not parsed, so only short runs ending in an agent noun."""
    match = re.search(rf"((?:[\w-]+ ){{1,3}}){re.escape(surname)}\b", title)
    if match is None:
        return None
    words = match.group(1).split()
    while words and (
        words[0].lower() in _TITLE_STOP or words[0].lower().endswith("s") or place_code(words[0])
    ):
        words = words[1:]
    if not words or not is_agent(words[-1]) or any(w.lower() in _TITLE_STOP for w in words):
        return None
    return " ".join(words)


def join_tokens(tokens: list[Token]) -> str:
    """Tokens as text, with the document's own spacing between neighbours ("African-American
    president", not "African - American president")."""
    out = []
    for k, t in enumerate(tokens):
        adjacent = k + 1 < len(tokens) and tokens[k + 1].i == t.i + 1
        out.append(t.text_with_ws if adjacent else t.text + " ")
    return " ".join("".join(out).split())


def _trim_modifiers(words: list[Token]) -> list[Token]:
    """Drop evaluative adjectives and nationality words from a title: keep "former President"."""
    kept = []
    for t in words:
        if place_code(t.text) and t.pos_ != "NOUN":
            continue
        if t.pos_ == "ADJ" and t.lower_ not in ROLE_MODIFIERS:
            continue
        kept.append(t)
    return kept


def role_sector(role: str) -> str | None:
    """The sector a role gives, unless it is a former one. A generic head ("leader",
    "spokesperson") takes its modifier's sector first: "opposition leader" is OPP."""
    words = role.lower().split()
    if words[0] in {"former", "ex", "ex-"}:
        return None
    if words[-1] in _GENERIC_HEADS:
        for word in words[:-1]:
            if sector := agent_sector(word):
                return sector
    return agent_sector(role)
