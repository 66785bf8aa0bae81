"""``newsgraph_actors``: the people, organisations, countries and groups an article mentions,
one actor per real entity, with every mention (names, pronouns, "the president") as a Span.

The work, in order:

1. named mentions, repaired and grouped into entities (:mod:`newsgraph.extract.names`);
2. descriptors (:mod:`newsgraph.extract.roles`): roles, country, affiliation, sector;
3. a walk through the text that adds groups ("protesters", "security forces"), definite noun
   phrases ("the president", "the government") and pronouns (:mod:`newsgraph.extract.coref`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from operator import itemgetter

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsgraph.extract import roles
from newsgraph.extract.coref import (
    FEMALE,
    MALE,
    NEUTER,
    PLURAL,
    WINDOW,
    Entity,
    Ref,
    antecedent,
    is_subject,
    resolve,
)
from newsgraph.extract.lexicon import (
    BODY_NOUNS,
    FEMALE_TITLES,
    GROUP_NOUNS,
    MALE_TITLES,
    ORG_WORDS,
    agent_sector,
    country_of,
    demonym_of,
    is_agent,
    is_country,
    is_person_noun,
    named_info,
    place_code,
    singular,
)
from newsgraph.extract.names import Named, cluster, named_mentions, retag_places
from newsgraph.extract.sentences import SentenceIndex
from newsgraph.extract.token_table import TokenTable, doc_text, table
from newsgraph.model import Actor, Span

_MEDIA_WORDS = frozenset({"broadcasting", "news", "radio", "television", "tv", "press", "times"})
_PLACE_NOUNS = frozenset({"country", "nation", "republic", "state"})
_ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent"})
#: A country or city that an act is done to: "accused Israel", "sent aid to Turkey".
_DONE_TO_DEPS = frozenset({"dobj", "dative"})
_DONE_TO_PREPS = frozenset({"by", "from", "to", "against", "with", "toward", "towards", "on"})
_STATE_NOUNS = frozenset({"country", "nation", "state", "power"})
_NON_ACTOR_NOUNS = frozenset({"people", "member", "figure", "state"})
_RELATIVES = frozenset({"who", "which", "that", "whom"})
#: Words near a party that make it (and those who lead it) opposition.
_OPPOSITION_WORDS = frozenset({"opposition", "banned", "unregistered", "outlawed", "exiled",
                               "dissident", "proscribed", "illegal"})  # fmt: skip
_NOT_IN_ROLE = frozenset({"det", "poss", "case"})
_LEAD_VERBS = frozenset({"lead", "head", "chair", "found", "run"})
_QUOTE_OPEN = '“‘«"'
_QUOTE_CLOSE = '”’»"'
_PRONOUNS = MALE | FEMALE | NEUTER | PLURAL
_BODY_OR_ORG_WORDS = BODY_NOUNS | ORG_WORDS


def find_actors(doc: Doc) -> list[Actor]:
    """The actors of ``doc``, ids in order of first mention."""
    named = named_mentions(doc)
    entities, owner = cluster(doc, named)
    sent_of = SentenceIndex(doc)
    _walk(doc, named, owner, entities, sent_of)
    _merge_cataphora(doc, entities, sent_of)
    article = doc._.article
    if article is not None and article.title:
        _headline_roles(article.title, entities)
    return _finish(doc, entities)


def _headline_roles(title: str, entities: list[Entity]) -> None:
    """Roles the headline gives a person named in the text ("Fugitive banker Ablyazov")."""
    for e in entities:
        if e.kind == "PERSON" and e.names:
            surname = max(e.names, key=len).split()[-1]
            if role := roles.headline_role(title, surname):
                e.add_role(role)
                e.headline_roles.add(role)


# descriptors, groups, definite noun phrases, pronouns ----------------------------------------


def _walk(
    doc: Doc,
    named: list[Named],
    owner: dict[int, Entity],
    entities: list[Entity],
    sent_of: SentenceIndex,
) -> None:
    """Go through the text once, in order, attaching descriptors to named mentions and
    resolving pronouns and noun phrases against the mentions seen so far."""
    quoted = _quoted_tokens(doc)
    # ``SpacySpan(doc, start, end)`` is ``doc[start:end]`` without the slice's checks in Python,
    # which cost twice the Span itself
    head_of = {SpacySpan(doc, m.start, m.end).root.i: m for m in named}
    in_named = {i for m in named for i in range(m.start, m.end)}
    consumed: set[int] = set()
    links: list[tuple[Entity, int]] = []
    history: list[Ref] = []
    pending: list[tuple[Entity, roles.Descriptor]] = []
    for m in named:
        for found in _descriptors(doc, m):
            consumed.update(found.tokens)
            _apply(owner[m.start], found, links)
    tokens = table(doc)
    pos, lower, head, dep, lemma = tokens.pos, tokens.lower, tokens.head, tokens.dep, tokens.lemma
    fronted = {
        i: f for i, p in enumerate(pos) if p == "PRON" and (f := roles.fronted(doc[i])) is not None
    }
    for found in fronted.values():
        consumed.update(found.tokens)
    for i, p in enumerate(pos):  # a Token is made only for the words a branch looks at
        if i in head_of:
            token = doc[i]
            m = head_of[i]
            entity = owner[m.start]
            history.append(Ref(i, sent_of[i], is_subject(token), entity))
            _title_gender(doc, m, entity)
        elif lower[i] in _PRONOUNS and p == "PRON":
            token = doc[i]
            referent = _pronoun(token, sent_of, history)
            if referent is not None:
                referent.spans.append((i, i + 1))
                history.append(Ref(i, sent_of[i], is_subject(token), referent))
                for found in filter(None, (fronted.get(i), roles.predicate(token))):
                    consumed.update(found.tokens)
                    pending.append((referent, found))
        elif i in in_named or i in consumed:
            continue
        elif p == "VERB" and lemma[i] in _LEAD_VERBS and (token := doc[i]).lemma_ in _LEAD_VERBS:
            _leads(token, history, owner, named)
        elif lower[i] in _RELATIVES and dep[head[i]] == "relcl":
            antecedent_i = head[head[i]]
            target = next((r.entity for r in reversed(history) if r.token == antecedent_i), None)
            if target is not None and (lower[i] != "who" or target.kind != "GPE"):
                target.spans.append((i, i + 1))
                history.append(Ref(i, sent_of[i], is_subject(doc[i]), target))
        elif (
            p == "NOUN"
            or (p == "PROPN" and _titled_noun(doc[i]))
            or (p == "ADJ" and _adjective_as_noun(doc[i]))
        ) and i not in quoted:
            token = doc[i]
            mentioned = _nominal(doc, token, sent_of, history, entities, links)
            if mentioned is not None:
                mentioned.spans.append(_np_extent(token))
                history.append(Ref(i, sent_of[i], is_subject(token), mentioned))
    for entity, found in pending:
        _apply(entity, found, links)
    _link_affiliations(entities, links)


def _titled_noun(token: Token) -> bool:
    """ "The Indian Prime Minister", "the Army": a common noun capitalised as a title, with a
    determiner, that no named entity covers; "Rebels attacked ...": one capitalised as the first
    word of its sentence, which the parser may take for a name."""
    return (
        token.pos_ == "PROPN"
        and not token.ent_type_
        and (token.is_sent_start or any(c.dep_ == "det" for c in token.lefts))
        and (is_agent(token.text) or token.lower_ in BODY_NOUNS)
    )


def _adjective_as_noun(token: Token) -> bool:
    """ "The general ordered ...": an agent noun the tagger took for an adjective, standing
    with a determiner where a noun phrase goes."""
    return (
        token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "dative")
        and any(c.dep_ == "det" for c in token.lefts)
        and is_agent(token.text)
    )


def _leads(verb: Token, history: list[Ref], owner: dict[int, Entity], named: list[Named]) -> None:
    """ "he ... leads the Democratic Choice of Kazakhstan": the subject is affiliated with it."""
    clause = verb.head if verb.dep_ == "conj" else verb
    subjects = {c.i for v in (verb, clause) for c in v.children if c.dep_ == "nsubj"}
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return
    person = next((r.entity for r in reversed(history) if r.token in subjects), None)
    org = next((owner[m.start] for m in named if m.start <= obj.i < m.end), None)
    if person is not None and org is not None and person.kind == "PERSON" and org.kind == "ORG":
        person.affiliations.append(org)


def _descriptors(doc: Doc, m: Named) -> Iterator[roles.Descriptor]:
    span = SpacySpan(doc, m.start, m.end)  # ``doc[m.start : m.end]``
    describers = (roles.premodifier, roles.apposition, roles.bracketed)
    for found in (*(d(span) for d in describers), roles.predicate(span.root)):
        if found is not None:
            yield found
    if m.kind == "ORG":
        after = m.end
        if after + 2 < len(doc) and doc[after].text == "(":
            close = next(
                (k for k in range(after, min(after + 6, len(doc))) if doc[k].text == ")"), after - 1
            )
            after = close + 1
        following = doc[after] if after < len(doc) else None
        if following is not None and following.lemma_.lower() in _BODY_OR_ORG_WORDS:
            yield roles.Descriptor(sector=agent_sector(following.text), tokens=(after,))


def _apply(entity: Entity, found: roles.Descriptor, links: list[tuple[Entity, int]]) -> None:
    """Take a descriptor's role, country and sector; its affiliation token goes to ``links``,
    resolved once every mention (pronouns too) is known."""
    if entity.kind == "PERSON":
        entity.add_role(found.role)
        entity.gender = entity.gender or _role_gender(found.role)
    else:
        entity.country = entity.country or found.based
    entity.country = entity.country or found.country
    if entity.kind != "PERSON":  # a person's sector is settled in _complete, roles and all
        entity.sector = entity.sector or found.sector
    if found.affiliation is not None:
        links.append((entity, found.affiliation))


def _link_affiliations(entities: list[Entity], links: list[tuple[Entity, int]]) -> None:
    for entity, token in links:
        org = next((e for e in entities for s, t in e.spans if s <= token < t), None)
        if org is not None and org is not entity and org.kind in {"ORG", "GPE"}:
            entity.affiliations.append(org)


def _role_gender(role: str | None) -> str | None:
    """ "spokeswoman" -> "f", "chairman" -> "m"; most roles say nothing."""
    head = role.lower().split()[-1] if role else ""
    if head.endswith("woman") or head in {"actress", "queen", "princess", "mother", "wife"}:
        return "f"
    if head.endswith("man") or head in {"actor", "king", "prince", "father", "husband"}:
        return "m"
    return None


def _title_gender(doc: Doc, m: Named, entity: Entity) -> None:
    if m.kind != "PERSON" or m.start == 0:
        return
    title = doc[m.start - 1].lower_
    if title in MALE_TITLES:
        entity.gender = "m"
    elif title in FEMALE_TITLES:
        entity.gender = "f"


def _pronoun(token: Token, sent_of: SentenceIndex, history: list[Ref]) -> Entity | None:
    word = token.lower_
    if word == "it" and (token.dep_ not in {"nsubj", "nsubjpass"} or token.head.lemma_ == "be"):
        return None
    if word in NEUTER:

        def accept(e: Entity) -> bool:
            return e.kind in {"ORG", "GPE"} and not e.plural

    elif word in PLURAL:
        if token.i + 1 < len(token.doc) and token.doc[token.i + 1].text in _QUOTE_CLOSE:
            return None

        def accept(e: Entity) -> bool:
            return e.plural
    else:
        gender = "m" if word in MALE else "f"

        def accept(e: Entity) -> bool:
            return e.kind == "PERSON" and e.gender in {None, gender}

    exclude = None
    if token.dep_ in {"dobj", "pobj", "iobj"}:
        subj = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        exclude = next((r.entity for r in history if subj is not None and r.token == subj.i), None)
    window = 2 if word in PLURAL else WINDOW  # "they" reaches back two sentences at most
    entity = resolve(token.i, sent_of[token.i], history, accept, exclude, window)
    if entity is not None and word in MALE | FEMALE and entity.gender is None:
        entity.gender = "m" if word in MALE else "f"
    return entity


def _nominal(
    doc: Doc,
    token: Token,
    sent_of: SentenceIndex,
    history: list[Ref],
    entities: list[Entity],
    links: list[tuple[Entity, int]],
) -> Entity | None:
    """The entity a common-noun phrase headed by ``token`` mentions, creating it if new. The
    first checks, which turn most nouns away, read the Doc's token table (``lemma_``, ``dep_``,
    ``tag_`` and ``lefts`` without making Tokens)."""
    tokens = table(doc)
    i = token.i
    lemma, tag = tokens.lemma[i], tokens.tag[i]
    if tokens.dep[i] in {"compound", "attr", "appos", "npadvmod"}:
        return None
    lefts = [c for c in tokens.children(i) if c < i]
    det = next((tokens.lower[c] for c in lefts if tokens.dep[c] in {"det", "poss"}), None)
    if det in {"no", "any", "every", "each"}:
        return None
    if lemma in _PLACE_NOUNS and det == "the" and tag == "NN":
        return antecedent(sent_of[i], history, lambda e: e.kind == "GPE", window=8)
    if not _collective(tokens, i) and (
        lemma in _NON_ACTOR_NOUNS
        or not (
            is_agent(tokens.text[i])
            or lemma in BODY_NOUNS
            or lemma in GROUP_NOUNS
            or _national_people(token, history)
        )
    ):
        return None
    country = _np_country(token, history)
    plural = tag in ("NNS", "NNPS") or lemma in GROUP_NOUNS
    key = _np_key(token)
    if det is None and not plural and country is None:
        return None
    if plural:
        group = _find_group(entities, key, country, "GROUP")
        if group is None:
            group = Entity(kind="GROUP", plural=True, key=key)
            entities.append(group)
        group.country = group.country or country
        group.sector = group.sector or agent_sector(key)
        return group
    if det in {"the", "this", "that"} and not _named_premodifier(token):
        found = antecedent(
            sent_of[token.i],
            history,
            lambda e: (
                not e.plural
                and e.has_role(lemma)
                and (country is None or e.country is None or e.country == country)
            ),
        )
        if found is not None:
            found.hints += filter(None, [agent_sector(lemma)])
            return found
    if lemma in BODY_NOUNS or lemma == "group":
        body = _find_group(entities, key, country, "ORG")
        if body is None:
            body = Entity(kind="ORG", key=key)
            entities.append(body)
        body.country = body.country or country
        body.sector = body.sector or agent_sector(key)
        return body
    if not is_person_noun(lemma):
        return None
    if det in {"a", "an"} or token.dep_ in {"nsubj", "dobj", "pobj"} and det is not None:
        person = Entity(kind="PERSON", key=lemma, country=country)
        extent = doc[_np_extent(token)[0] : token.i + 1]
        person.add_role(roles.join_tokens([t for t in extent if t.dep_ not in _NOT_IN_ROLE]))
        person.anchored = det not in {"a", "an"}
        possessor = next((c for c in token.lefts if c.dep_ == "poss"), None)
        if possessor is not None:
            person.affiliations += [
                r.entity for r in history if r.token == possessor.i and r.entity.kind == "ORG"
            ]
        for prep in token.rights:  # "an activist with the Democratic Party"
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if prep.dep_ == "prep" and prep.lower_ in {"with", "at", "of", "for", "from"} and pobj:
                links.append((person, pobj.i))
        entities.append(person)
        return person
    return None


def _national_people(token: Token, history: list[Ref]) -> bool:
    """ "Chinese hackers", "Japanese peacekeepers": a country's people of any calling act as a
    group."""
    return (
        token.tag_ == "NNS"
        and is_person_noun(token.lemma_.lower())
        and _np_country(token, history) is not None
    )


def _collective(tokens: TokenTable, i: int) -> bool:
    """ "European countries", "Gulf states", "an armed group", "the two countries", "both
    sides": described or counted states, counted sides, or a described group, acting together
    (not "a group of soldiers": the soldiers act). Token ``i`` of the Doc whose table is
    ``tokens``."""
    lemma, dep = tokens.lemma[i], tokens.dep
    if lemma not in _STATE_NOUNS and lemma not in ("group", "side"):
        return False
    kids = tokens.children(i)
    lefts = [c for c in kids if c < i]
    counted = any(dep[c] == "nummod" or tokens.lower[c] == "both" for c in lefts)
    described = any(dep[c] in {"amod", "compound"} for c in lefts)
    if lemma in _STATE_NOUNS and tokens.tag[i] == "NNS":
        return counted or described
    if lemma == "side":
        return counted and tokens.tag[i] == "NNS"
    return (
        lemma == "group"
        and described
        and not any(dep[c] == "prep" and tokens.lower[c] == "of" for c in kids if c > i)
    )


def _named_premodifier(token: Token) -> bool:
    """ "The Gujarat government": a proper name before the noun says which one is meant, so the
    phrase names an entity of its own rather than pointing back to an earlier one."""
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.lefts)


def _np_key(token: Token) -> str:
    """Lemma of a noun with its compound modifiers: "security forces" -> "security force", "the
    Gujarat government" -> "gujarat government"."""
    compounds = [
        c.lemma_.lower()
        for c in token.lefts
        if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")
    ]
    # the parser leaves a plural it takes for a name as it is ("Rebels")
    head = singular(token.lower_) if token.tag_ == "NNPS" else token.lemma_.lower()
    return " ".join([*compounds, head])


def _np_country(token: Token, history: list[Ref]) -> str | None:
    """Country of a noun phrase from its modifiers: "Kazakh activists", "the government of
    Kazakhstan"."""
    for child in token.children:
        if child.dep_ in {"amod", "compound", "nmod", "poss"} and child.i < token.i:
            code = place_code(child.text)
            if code:
                return code
            if child.dep_ == "poss":
                owner = next((r.entity for r in reversed(history) if r.token == child.i), None)
                if owner is not None and owner.kind == "GPE":
                    return owner.country
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and country_of(pobj.text):
                return country_of(pobj.text)
    return None


def _find_group(entities: list[Entity], key: str, country: str | None, kind: str) -> Entity | None:
    for e in entities:
        if (
            e.kind == kind
            and e.key == key
            and not e.named
            and (country is None or e.country in {None, country})
        ):
            return e
    return None


def _np_extent(token: Token) -> tuple[int, int]:
    """Tokens of a noun phrase without its possessor or clauses: "the Kazakh armed forces"."""
    start = token.i
    for child in reversed(list(token.lefts)):
        if child.dep_ in {"det", "amod", "compound", "nummod", "nmod"} and child.i == start - 1:
            start = child.left_edge.i if child.dep_ != "det" else child.i
    while start < token.i and token.doc[start].dep_ in {"poss", "case"}:
        start += 1
    return start, token.i + 1


def _merge_cataphora(doc: Doc, entities: list[Entity], sent_of: SentenceIndex) -> None:
    """ "... interviewed an activist ... . Aigerim Tuleuzhanova asserted ...": a named person who
    first appears as a subject, with no description of their own, right after an unnamed person
    was introduced with an indefinite noun phrase, is that person."""
    for target in [e for e in entities if e.kind == "PERSON" and e.named and not e.roles]:
        first = min(target.spans)
        if not is_subject(doc[first[0] : first[1]].root):
            continue
        candidates = [
            e
            for e in entities
            if e.kind == "PERSON"
            and not e.named
            and not e.anchored
            and min(e.spans)[0] < first[0]
            and 0 < sent_of[first[0]] - sent_of[min(e.spans)[0]] <= 2
        ]
        if not candidates:
            continue
        unnamed = max(candidates, key=lambda e: min(e.spans))
        target.spans += unnamed.spans
        for role in unnamed.roles:
            target.add_role(role)
        target.country = target.country or unnamed.country
        target.sector = target.sector or unnamed.sector
        target.affiliations += unnamed.affiliations
        target.gender = target.gender or unnamed.gender
        entities.remove(unnamed)


# finishing -----------------------------------------------------------------------------------


def _finish(doc: Doc, entities: list[Entity]) -> list[Actor]:
    text = doc_text(doc)
    tokens = table(doc)
    kept = [e for e in entities if e.spans and _keep(doc, e)]
    for e in sorted(kept, key=lambda e: e.kind == "PERSON"):  # organisations before their staff
        _complete(doc, e)
    kept.sort(key=lambda e: min(s for s, _ in e.spans))
    actors = []
    for n, e in enumerate(kept, 1):
        spans = sorted({tokens.chars(s, t) for s, t in e.spans})
        name = _canonical(e, doc)
        aliases = tuple(dict.fromkeys(x for x in e.names if x != name))
        actors.append(
            Actor(
                id=f"a{n}",
                name=name,
                kind=e.kind,  # type: ignore[arg-type]
                mentions=tuple(Span.of(text, s, t) for s, t in spans),
                country=e.country,
                sector=e.sector,
                roles=tuple(e.roles),
                aliases=aliases,
            )
        )
    return actors


def _keep(doc: Doc, e: Entity) -> bool:
    """Cities and countries count as actors only where they act, or are acted upon, somewhere
    in the text (not where they are only where something happens). A country named after a
    preposition counts too: what is done "in Somalia" or "to Lebanon" is, in PLOVER, done to it
    (a city is only where it happens)."""
    if e.kind != "GPE":
        return True
    country = any(map(is_country, e.names))
    for s, t in e.spans:
        root = SpacySpan(doc, s, t).root  # ``doc[s:t]``
        while root.dep_ in {"conj", "appos"}:
            root = root.head
        if root.dep_ in _ACTING_DEPS or _done_to(root) or (country and root.dep_ == "pobj"):
            return True
    return False


def _done_to(root: Token) -> bool:
    """ "accused Israel", "sent aid to Turkey", "sanctions against Iran": the object of a verb,
    or of a preposition attached to a verb or noun, names a party (not "in Almaty")."""
    if root.dep_ in _DONE_TO_DEPS:
        return root.head.pos_ in {"VERB", "AUX"}
    return (
        root.dep_ == "pobj"
        and root.head.lower_ in _DONE_TO_PREPS
        and root.head.head.pos_ in {"VERB", "NOUN", "AUX"}
    )


def _complete(doc: Doc, e: Entity) -> None:
    """Country and sector from names, the dictionaries and affiliations, where still unknown."""
    party = e.kind == "ORG" and (
        any(n.lower().endswith(" party") for n in e.names) or _called_party(doc, e)
    )
    for name in e.names:
        country, sector = named_info(name)
        e.country = e.country or country
        if e.kind != "PERSON" and not party:  # a namesake's sector in the dictionaries misleads
            e.sector = sector or e.sector
    if e.kind == "PERSON":
        _person_sector(e)
    if e.kind == "GPE":
        e.country = e.country or next(filter(None, map(country_of, e.names)), None)
        e.sector = e.sector or ("GOV" if e.country else None)
    if e.kind == "GROUP" and e.names:
        e.country = e.country or next(filter(None, map(demonym_of, e.names)), None)
        e.sector = e.sector or ("CVL" if e.country else None)
    if e.kind == "ORG" and e.names:
        e.country = e.country or _org_country(e.names)
        words = [w.lower() for n in e.names for w in re.split(r"[\s/-]+", n)]
        if any(w in _MEDIA_WORDS or w.endswith("news") for w in words):
            e.sector = e.sector or "MED"
        heads = [n.split(" of ")[0] for n in e.names]  # "University of Armenia": University
        e.sector = e.sector or next(filter(None, map(agent_sector, heads)), None)
    e.sector = e.sector or next(iter(e.hints), None)
    if party:  # whatever its words suggest ("Green": NGO), a party is OPP or nothing
        e.sector = _party_sector(doc, e)
    for org in e.affiliations:
        if e.kind == "PERSON" or org.country:
            e.country = e.country or org.country


def _called_party(doc: Doc, e: Entity) -> bool:
    """A name followed by "party", brackets between: "the Democratic Choice (QDT) party".
    The words after the name are read off the Doc's token table."""
    tokens = table(doc)
    for _start, end in e.spans:
        for k in range(end, min(end + 4, len(doc))):
            if tokens.lower[k] == "party":
                return True
            if not (tokens.is_punct[k] or tokens.pos[k] == "PROPN"):
                break
    return False


def _party_sector(doc: Doc, e: Entity) -> str | None:
    """OPP for a party the text calls opposition, banned, unregistered...; else no sector
    (POL is police and security, and a governing party's sector is not ours to guess)."""
    sentences = {doc[start].sent for start, _end in e.spans}
    return "OPP" if any(t.lower_ in _OPPOSITION_WORDS for s in sentences for t in s) else None


def _person_sector(e: Entity) -> None:
    """A specific role ("activist": OPP) first, then the organisation a person works for, then a
    generic office ("envoy": GOV), then a former one."""
    text_roles = [r for r in e.roles if r not in e.headline_roles]  # headlines are terse
    current = [s for r in text_roles if (s := roles.role_sector(r))]
    employer = [o.sector for o in e.affiliations if o.sector and o.kind == "ORG"]
    former = [s for r in text_roles if (s := agent_sector(r))]
    if current and current[0] != "GOV":
        e.sector = e.sector or current[0]
    e.sector = e.sector or next(iter(employer + current + former), None)


def _org_country(names: list[str]) -> str | None:
    """ "American University of Armenia" -> ARM: a country after "of" first, then any word."""
    for name in names:
        if " of " in name and (code := place_code(name.rsplit(" of ", 1)[1])):
            return code
    words = [w for n in names for w in re.split(r"[\s/-]+", n)]
    return next(filter(None, map(place_code, words)), None)


def _canonical(e: Entity, doc: Doc) -> str:
    if e.names:
        return max(e.names, key=lambda n: (len(n.split()), len(n)))
    s, t = min(e.spans)
    head = doc[t - 1]
    if e.kind == "ORG":
        while s < t - 1 and doc[s].dep_ == "det":
            s += 1
        return doc[s:t].text
    if e.kind == "GROUP":
        words = [
            w
            for w in doc[s:t]
            if w.i == head.i or w.dep_ == "compound" or place_code(w.text) or w.lower_ == "armed"
        ]
        return roles.join_tokens(words)
    return e.roles[0] if e.roles else head.text


def _quoted_tokens(doc: Doc) -> set[int]:
    """Tokens between quotation marks (within one paragraph)."""
    inside: set[int] = set()
    open_at: int | None = None
    for i, text in enumerate(table(doc).text):
        if "\n" in text:
            open_at = None
        elif text in _QUOTE_OPEN and open_at is None and text not in "’'":
            open_at = i
        elif text in _QUOTE_CLOSE and open_at is not None and text not in "’'":
            inside.update(range(open_at, i))
            open_at = None
        elif open_at is not None and i - open_at > 400:
            open_at = None
    return inside


@Language.component("newsgraph_actors", assigns=["doc._.actors"])
def actors_component(doc: Doc) -> Doc:
    """The actors of the Doc, after a place spaCy tagged a person is retagged (``retag_places``:
    the later components read places off ``doc.ents``)."""
    retag_places(doc)
    doc._.actors = find_actors(doc)
    return doc


def actor_at(actors: Sequence[Actor], start: int, end: int) -> Actor | None:
    """The actor one of whose mentions overlaps the characters ``start:end`` most (the first
    such actor, and mention, in order), if any.

    Quotes use this to turn a speaker span into an actor id; the actors component records
    pronoun and nominal mentions ("he", "the ministry") as mentions too.
    """
    return MentionIndex(actors).actor_at(start, end)


class MentionIndex:
    """The mentions of some actors sorted by where they start, for many ``actor_at`` look-ups:
    each reads only the mentions that can overlap. Sorted on the first look-up."""

    def __init__(self, actors: Sequence[Actor]) -> None:
        self._actors = actors
        self._starts: list[int] = []
        self._mentions: list[tuple[int, int, int, Actor]] | None = None  # start, end, order
        self._longest = 0

    def _sort(self) -> list[tuple[int, int, int, Actor]]:
        pairs = [(actor, m) for actor in self._actors for m in actor.mentions]
        found = sorted(
            ((m.start, m.end, k, actor) for k, (actor, m) in enumerate(pairs)), key=itemgetter(0)
        )
        self._starts = [m[0] for m in found]
        self._longest = max((end - start for start, end, _, _ in found), default=0)
        return found

    def actor_at(self, start: int, end: int) -> Actor | None:
        """``actor_at`` over these actors."""
        if self._mentions is None:
            self._mentions = self._sort()
        lo = bisect_right(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        best: tuple[int, int, Actor] | None = None  # overlap, order, actor
        for m_start, m_end, k, actor in self._mentions[lo:hi]:
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > 0 and (best is None or (overlap, -k) > (best[0], -best[1])):
                best = (overlap, k, actor)
        return best[2] if best else None
