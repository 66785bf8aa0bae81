"""``newsgraph_events``: who did what to whom, when and where, as PLOVER events.

For every sentence, candidate events are read between the actor mentions there
(``event_features.candidates``) and, where no actor is the target, the places and things acts
are done to ("stormed a military base": the event's ``target_span`` then names it, with no
actor id), typed by the shipped classifier; statements no actor pair tells are read from what
the quotes say (``statement_events``). Each is given its negation, modality, date (``dates``),
place (``places``) and, for statements, the quote they were made in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import chain
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.errors import ModelError
from newsgraph.extract.attachment import (
    attached,
    governor,
    governor_index,
    in_location_phrase,
    is_located,
)
from newsgraph.extract.cameo import CameoLexicon, cameo_lexicon, event_nouns, trigger_types
from newsgraph.extract.cues import CHANNEL_NOUNS
from newsgraph.extract.dates import DateMention, find_dates, parse_published
from newsgraph.extract.event_features import (
    NO_EVENT,
    SPEECH_VERBS,
    Candidate,
    candidate_features,
    candidates,
    sentence_features,
    verb_code,
)
from newsgraph.extract.event_model import EventModel, event_model
from newsgraph.extract.event_transformer import EventTransformer, event_transformer
from newsgraph.extract.event_vectors import DocVectors, candidate_vector, doc_vectors
from newsgraph.extract.nominal_events import NOMINAL_CONFIDENCE, nominal_events
from newsgraph.extract.places import Gazetteer, gazetteer
from newsgraph.extract.quote_marks import Quoted, quotations
from newsgraph.extract.sentences import SentenceIndex
from newsgraph.extract.statement_events import STATEMENT_CONFIDENCE, statement_events
from newsgraph.extract.token_table import TokenTable, doc_text, table
from newsgraph.model import CAMEO_ROOT, Actor, Event, Place, Quote
from newsgraph.model import Span as TextSpan

__all__ = ["find_events", "is_hypothetical", "is_negated", "sentence_candidates"]

T = TypeVar("T")

#: Events that are things said: they link to the quote they were said in.
STATEMENTS = frozenset({"ACCUSE", "REQUEST", "THREATEN", "REJECT", "AGREE", "SUPPORT"})
#: Verbs of saying that tell no act of their own ("announced sanctions" does).
_SAYING_ONLY = SPEECH_VERBS - {"announce", "declare", "report"}
#: Types whose content is not (yet) done: a threat, a demand.
_HYPOTHETICAL_TYPES = frozenset({"THREATEN", "REQUEST"})
_MODALS = frozenset({"will", "would", "could", "might", "may", "should", "shall", "can", "'ll"})
#: Verbs whose complement is intended, not done: "plans to arrest".
_INTENT = frozenset(
    [
        "plan",
        "intend",
        "threaten",
        "vow",
        "promise",
        "want",
        "seek",
        "prepare",
        "propose",
        "aim",
        "hope",
        "expect",
        "consider",
        "demand",
        "urge",
        "pledge",
        "call",
    ]
)
#: Verbs whose complement is not (yet) done: "ordered troops to fire", "refused to meet".
_PLANS = _INTENT | frozenset(
    ["ask", "warn", "offer", "agree", "decide", "refuse", "order", "instruct"]
)
_RETREAT_WORDS = frozenset(
    [
        "withdraw",
        "retreat",
        "release",
        "free",
        "return",
        "evacuate",
        "ceasefire",
        "truce",
        "demobilize",
        "disarm",
        "surrender",
        "pull",
        "lift",
        "ease",
    ]
)
#: Verbs that tell who runs something ("headed the bank"): no act by themselves ("led" is
#: left out: "led a delegation to Moscow", "led troops into the city" are acts).
_RUNNING = frozenset({"head", "run", "chair", "manage"})
_LOCATION_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Verbs of command, and what an order to use force is ordered with: "instructed the security
#: forces to use lethal force", "ordered troops to fire on the crowd" (``_orders_force``).
_COMMANDS = frozenset({"order", "instruct", "command", "direct", "authorize", "authorise", "tell"})
_FORCE_MEANS = frozenset({"force", "fire", "weapon", "firearm", "gun", "ammunition", "violence"})
#: The types such an order keeps from the classifier, and the confidence it has otherwise.
_ORDER_TYPES = frozenset({"COERCE", "THREATEN"})
ORDER_CONFIDENCE = 0.5
#: What a side sends, moves or pulls out ("sent troops to Uganda", "withdraw its troops from
#: Poland"): the means of its act rather than the party it is done to.
_FORCE_NOUNS = frozenset(
    [
        "troop",
        "force",
        "soldier",
        "expert",
        "team",
        "operative",
        "unit",
        "personnel",
        "peacekeeper",
        "regiment",
        "brigade",
        "battalion",
        "contingent",
        "delegation",
        "mission",
        "warship",
    ]
)
#: Prepositions of where forces are sent or pulled out of.
_DESTINATIONS = frozenset({"to", "into", "from", "against", "toward", "towards", "in", "out"})
#: Prepositions naming whom an act is aimed at.
_AIMED_AT = frozenset({"for", "to", "on", "against", "with", "toward", "towards"})
#: Verbs whose object names the act itself, the party it is aimed at hanging on that object:
#: "held talks with", "launched an attack on", "imposed sanctions on", "filed a complaint
#: against", "demanded an explanation from".
_LIGHT_VERBS = frozenset(
    [
        "hold",
        "launch",
        "carry",
        "conduct",
        "impose",
        "file",
        "lodge",
        "level",
        "stage",
        "mount",
        "wage",
        "continue",
        "open",
        "begin",
        "start",
        "make",
        "issue",
        "demand",
        "seek",
    ]
)
#: Verbs whose subject gets what another does or gives ("faces criticism from", "received aid
#: from").
_RECEIVING = frozenset(
    ["receive", "face", "get", "accept", "win", "obtain", "draw", "earn", "gain", "secure"]
)
#: Prepositions on such an object naming whom the act is aimed at.
_AIMED_BY_OBJECT = frozenset({"with", "against", "on", "upon", "from", "into", "toward", "towards"})
#: Clauses that tell something else than the trigger's own act.
_OTHER_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "csubj", "parataxis"})
_MAX_PLACE_PATH = 8
_WHEN = frozenset({"when", "as", "while"})
_RELATIVES = frozenset({"whom", "who", "that", "which"})
_COPULAS = frozenset({"be", "stay", "remain"})
#: Verbs that, like a copula, link their subject to a likeness ("will become like Ukraine").
_LINKING = frozenset({"become", "seem", "look", "sound", "feel", "appear"})
_GUESSING_MODALS = frozenset({"would", "could", "might", "may"})
#: Auxiliaries of a clause that asks for its act ("insisted that they must leave").
_OBLIGING = frozenset({"should", "must", "shall", "need", "ought"})
_BELIEFS = frozenset(
    ["think", "believe", "doubt", "fear", "suspect", "worry", "wonder", "guess", "suppose"]
)
_PLACES = frozenset(
    ["soil", "territory", "ground", "land", "border", "street", "square", "city", "town", "capital"]
)
_PREDICATES = frozenset({"attr", "acomp", "xcomp", "ccomp", "oprd", "dobj", "advcl"})
#: The id of a side that is a place or a thing, not an actor ("stormed a military base").
_THING = ""
#: Where a noun phrase is a side of an act ("stormed a military base", "a curfew in Bangkok",
#: "artillery fire killed").
_THING_DEPS = frozenset({"dobj", "dative", "pobj", "nsubjpass", "nsubj"})
#: How far below its trigger a thing may be: "imposed a curfew in Bangkok" is three steps, "is
#: willing to withdraw its troops from the zone" four.
_THING_STEPS = 4
#: Entity types that name no party to an act: dates, times and amounts.
_NOT_PARTIES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL"})


@dataclass(frozen=True, slots=True)
class _Found:
    candidate: Candidate
    source: str | None
    target: str | None
    type: str
    probability: float
    nominal: bool = False


def find_events(
    doc: Doc,
    actors: Sequence[Actor],
    quotes: Sequence[Quote] | None = None,
    *,
    published: str | None = None,
    threshold: float = 0.5,
    model: EventModel | None = None,
    lexicon: CameoLexicon | None = None,
    places: Gazetteer | None = None,
    accurate: EventTransformer | None = None,
) -> list[Event]:
    """The events of a parsed article, in text order; with ``accurate`` (the transformer), the
    type of each event ``model`` finds averages the two models' probabilities."""
    model = model or event_model()
    lexicon = lexicon or cameo_lexicon()
    index = SentenceIndex(doc)
    ents = doc.ents  # read once: ``Doc.ents`` makes a new Span per entity on each access
    parties, located = _mentions(doc, actors), _place_mentions(doc, actors, ents)
    found = _typed(doc, index, parties, located, model, lexicon, threshold, accurate)
    said = _statements(doc, index, actors, parties, quotes or (), found)
    retyped = {f.candidate.trigger.i for f in said}  # "negotiations" asked about is no CONSULT
    found = [f for f in found if f.candidate.trigger.i not in retyped] + said
    found = [_with_victims(doc, index, actors, parties, f) for f in found]
    found = _with_places_done_to(index, parties, located, found)
    if not found:
        return []
    published_on = parse_published(published)
    dates = _by_sentence(index, _date_phrases(doc, find_dates(doc, published_on, ents)))
    place_phrases = _by_sentence(index, _place_phrases(ents, actors, places or gazetteer()))
    events: list[Event] = []
    text = doc_text(doc)
    for f in sorted(found, key=lambda f: f.candidate.trigger.i):
        trig = f.candidate.trigger
        n = index.number(trig.i)
        code, mode = _cameo(trig, f.type, lexicon)
        hypothetical = f.type in _HYPOTHETICAL_TYPES or is_hypothetical(trig)
        here = dates.get(n, [])
        date = _shifted(
            trig, here, _inside(trig, here) or attached(trig, here) or _ordered_on(f, here)
        )
        if date is None and not hypothetical and not here:
            date = _narrative_date(doc, index, n, dates)
        places_here = place_phrases.get(n, [])
        if f.nominal and date is None and f.source is None and f.target is None:
            continue  # "the negotiations": a mention of a kind of event, not a reported one
        start, end = _evidence(f.candidate)
        events.append(
            Event(
                id=f"e{len(events) + 1}",
                type=f.type,
                span=TextSpan.of(text, start, end),
                source=f.source,
                target=f.target,
                mode=mode,
                cameo=code,
                date=date.iso() if date else None,
                date_precision=date.precision if date else None,
                place=attached(trig, places_here) or _nearest(trig, places_here),
                negated=is_negated(trig),
                hypothetical=hypothetical,
                quote=_quote(trig, index.of(trig.i), f, quotes) if f.type in STATEMENTS else None,
                confidence=f.probability,
                source_span=_text_span(text, f.candidate.source),
                target_span=_text_span(text, f.candidate.target),
            )
        )
    return events


def _text_span(text: str, span: Span | None) -> TextSpan | None:
    return TextSpan.of(text, span.start_char, span.end_char) if span is not None else None


def _typed(
    doc: Doc,
    index: SentenceIndex,
    parties: list[tuple[Span, str]],
    places: list[tuple[Span, str]],
    model: EventModel,
    lexicon: CameoLexicon,
    threshold: float,
    accurate: EventTransformer | None = None,
) -> list[_Found]:
    """The best-typed candidate per trigger where the classifier sees an event, then the event
    nouns of types the sentence does not have yet."""
    best: dict[int, _Found] = {}
    nouns = event_nouns()
    sentence_columns: dict[int, set[int]] = {}  # the model's columns of a sentence's features
    priors: dict[int, str | None] = {}  # the trigger lexicon's type, by trigger
    vectors: DocVectors | None = None  # made when a first candidate is typed
    quoted: list[Quoted] | None = None  # the Doc's quotations, found when first asked
    by_sentence = _by_sentence(index, parties)
    places_by_sentence = _by_sentence(index, places)
    for n, sent in enumerate(index.sentences):
        mentions, located = by_sentence.get(n, []), places_by_sentence.get(n, [])
        here = _ids(mentions + located)  # for the ids: _actor_id matches a span exactly
        tried: set[int] = set()  # triggers whose best pair with a place or thing is no event
        for cand in _until_settled(_by_trigger(sent, mentions, located), best, tried):
            told = _speaker_and_doer(cand)
            if cand.target is not None and _actor_id(cand.target, here) is None and not told:
                tried.add(cand.trigger.i)  # the pairs after it are worse formed
            feats = candidate_features(cand, lexicon, priors)
            if n not in sentence_columns:
                sentence_columns[n] = model.columns(sentence_features(sent, lexicon))
            vectors = vectors or doc_vectors(doc)
            vector = candidate_vector(cand, vectors, sent)
            prior, columns = priors[cand.trigger.i], sentence_columns[n]
            label, prob = model.predict(feats, prior, vector=vector, columns=columns)
            ordered = _orders_force(cand)
            if (label == NO_EVENT or prob < threshold) and not ordered:
                continue
            if accurate is not None:  # the linear model finds the event, both type it
                probs = model.probabilities(feats, vector, columns)
                label, prob = accurate.retype(cand, sent, probs)
            if ordered and not (label in _ORDER_TYPES and prob >= threshold):
                label, prob = "COERCE", ORDER_CONFIDENCE
            if label == "YIELD":
                label = _concede_or_retreat(cand.trigger, lexicon)
            if told and label not in STATEMENTS:
                continue  # the minister who said the army attacked the city did not attack it
            if label not in STATEMENTS and cand.trigger.lemma_ in _SAYING_ONLY and not ordered:
                continue  # "fired at protesters, the ministry said": saying is no protest
            if label not in STATEMENTS:
                quoted = quotations(doc_text(doc)) if quoted is None else quoted
                if _words_of_others(cand, quoted):
                    continue  # banners reading "Don't shoot us!": their bearers shoot no one
            if label == "CONSULT" and _names_as(cand.trigger):
                continue  # "called Putin a killer" names him, it is no call to him
            if label == "REQUEST" and _asserts(cand.trigger):
                continue  # "insisted that the regime is nearing its end" asks for nothing
            if _holds_a_post(cand.trigger, trigger_types()):
                continue  # "headed one of Kazakhstan's largest banks" is a post, no act
            best[cand.trigger.i] = _Found(
                cand,
                _actor_id(cand.source, here),
                _actor_id(cand.target, here),
                label,
                prob,
            )
    for n, sent in enumerate(index.sentences):
        mentions = by_sentence.get(n, [])
        have = {f.type for f in best.values() if index.number(f.candidate.trigger.i) == n}
        ids: dict[tuple[int, int], str] | None = None  # made for the sentence's first event noun
        for nom in nominal_events(sent, mentions, nouns):
            if nom.type in have or nom.trigger.i in best:
                continue
            if _carried_out(nom.trigger, best):
                continue  # "imposed sanctions": the verb's event already tells what the noun does
            have.add(nom.type)
            ids = _ids(mentions) if ids is None else ids
            best[nom.trigger.i] = _Found(
                Candidate(nom.trigger, nom.source, nom.target),
                _actor_id(nom.source, ids),
                _actor_id(nom.target, ids),
                nom.type,
                NOMINAL_CONFIDENCE,
                nominal=True,
            )
    return list(best.values())


def _orders_force(c: Candidate) -> bool:
    """Whether ``c`` is someone ordering those named as the verb's object to use force ("He
    instructed the country's security forces to use lethal force", "ordered troops to fire on
    the crowd"): COERCE by the one who orders, or THREATEN, whatever else the words around it
    suggest to the classifier (PLV_train has no such order); the ones ordered are attacked by
    nobody here."""
    trig = c.trigger
    if trig.lemma_.lower() not in _COMMANDS or c.source is None or c.target is None:
        return False
    source, target = c.source.root, c.target.root
    if source.head.i != trig.i or source.dep_ != "nsubj":
        return False
    if target.head.i != trig.i or target.dep_ not in ("dobj", "dative"):
        return False
    acts = trigger_types()
    return any(
        verb.dep_ == "xcomp"
        and (
            acts.get(verb.lemma_.lower()) in ("ASSAULT", "COERCE")
            or any(o.dep_ == "dobj" and o.lemma_.lower() in _FORCE_MEANS for o in verb.children)
        )
        for verb in trig.children
    )


def _ordered_on(found: _Found, dates: list[tuple[Span, DateMention]]) -> DateMention | None:
    """The date inside an order to use force ("ordered troops to fire on the crowd on Tuesday"
    hangs "on Tuesday" on "fire"): as reports tell it, the day the order was given."""
    if not dates or not _orders_force(found.candidate):
        return None
    force = next((v for v in found.candidate.trigger.children if v.dep_ == "xcomp"), None)
    return attached(force, dates) if force is not None else None


def _holds_a_post(verb: Token, event_words: Mapping[str, str]) -> bool:
    """Whether ``verb`` tells who runs something ("headed the bank", "chairs the committee"),
    not an act: a verb of running with an object that names no event ("headed the protests" is
    one)."""
    if verb.lemma_.lower() not in _RUNNING:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return bool(objects) and not any(o.lemma_.lower() in event_words for o in objects)


def _names_as(verb: Token) -> bool:
    """Whether ``verb`` names its object something ("called Putin a killer"; the parser may
    also read "called the protesters 'bandits'" as two objects, or one inside the other)."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "oprd")]
    if any(c.dep_ == "oprd" for c in objects):
        return True
    return verb.lemma_ == "call" and (
        len(objects) > 1 or any(k.dep_ == "nmod" for c in objects for k in c.children)
    )


def _words_of_others(c: Candidate, quoted: list[Quoted]) -> bool:
    """Whether ``c``'s trigger stands in a quotation its source is outside of: words said or
    written ("unfurled banners declaring 'Don't shoot us!'"), not an act of that source."""
    if c.source is None:
        return False
    at, source = c.trigger.idx, c.source.start_char
    return any(q.start < at < q.end and not q.start <= source < q.end for q in quoted)


def _carried_out(noun: Token, best: dict[int, _Found]) -> bool:
    """Whether an event noun is what a verb already typed as an event does: its object
    ("imposed sanctions") or what it agrees or decides to ("agreed to a ceasefire", "agreed on
    talks")."""
    if noun.dep_ == "dobj":
        return noun.head.i in best
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ in ("to", "on") and prep.head.i in best


def sentence_candidates(
    sent: Span, mentions: list[tuple[Span, str]], places: list[tuple[Span, str]]
) -> Iterator[Candidate]:
    """The candidates of one sentence (``_by_trigger``), each trigger's in the order they are
    typed; read lazily, as most triggers are settled by their first."""
    return chain.from_iterable(_by_trigger(sent, mentions, places))


def _until_settled(
    groups: Iterator[Iterator[Candidate]], best: dict[int, _Found], tried: set[int]
) -> Iterator[Candidate]:
    """The candidates of each trigger group until its trigger is settled (in ``best`` or
    ``tried``): candidates come best-formed first for each trigger, and the rest of a settled
    group are neither checked (``_by_trigger``'s filter) nor typed."""
    for group in groups:
        for cand in group:
            if cand.trigger.i in best or cand.trigger.i in tried:
                break
            yield cand


def _by_trigger(
    sent: Span, mentions: list[tuple[Span, str]], places: list[tuple[Span, str]]
) -> Iterator[Iterator[Candidate]]:
    """The candidates of one sentence, a group per trigger, each in the order it is typed: from
    its actor mentions, the places named where something happens there and the places and
    things acts are done to (``_things``), read through object relative clauses, best-formed
    pairs first; none with a place or an object as the source, a subject as the target, a thing
    far from the trigger or a thing with no other side, two things unless the acting one is a
    name ("The Islamic State attacked an army camp", where the parse saw no actor), or a state
    or a guess as the trigger. A group is ranked only when it has several candidates, and each
    is checked as it is read (most triggers are settled by their first)."""
    parties = sorted(mentions + places, key=lambda m: m[0].start)
    things = _things(sent, parties)
    objects = {span.start for span, _ in things}
    acting = {span.start for span, _ in things if span.root.dep_ == "nsubj"}
    passive = frozenset(objects - acting) | {span.start for span, _ in places}
    parties = sorted(parties + things, key=lambda m: m[0].start)
    groups: dict[int, list[Candidate]] = {}
    found = candidates(sent, parties, passive)
    if _relative_subject(parties):  # else ``_through_relative`` leaves every candidate as it is
        found = map(_through_relative, found)
    for c in map(_received, found):
        groups.setdefault(c.trigger.i, []).append(c)

    def kept(c: Candidate) -> bool:
        return (
            not (c.source is not None and c.source.start in passive)
            and not _acts_below(c)
            and not (
                c.source is not None
                and c.target is not None
                and c.source.start in objects
                and c.target.start in objects
                and not any(t.pos_ == "PROPN" for t in c.source)
            )
            and not (
                c.target is not None
                and c.target.start in objects
                and (
                    c.target.start in acting
                    or _far(c.target, c.trigger)
                    or _told_of(c.target, c.trigger)
                )
            )
            and not (
                c.source is not None
                and c.source.start in objects
                and (c.target is None or _far(c.source, c.trigger))
            )
        )

    for group in groups.values():
        if _is_state(group[0].trigger) or _is_conjecture(group[0].trigger):
            continue
        yield filter(kept, _ranked(group, objects) if len(group) > 1 else group)


def _speaker_and_doer(c: Candidate) -> bool:
    """Whether a pair joins whoever tells of a clause and the one acting in it: "The minister
    said the army attacked the city" (the trigger, "attacked", has a subject of its own and the
    source is outside its clause; a relative clause is read through its antecedent instead) or
    "the army will not attack, the minister said" (the target is the subject of a clause below
    the trigger: also "attacked the town after the army fired on it"). Such a pair is a
    statement ("said Taliban militants were responsible": ACCUSE), never a material act."""
    if c.source is None:
        return False
    tokens = table(c.trigger.doc)
    dep = tokens.dep
    trigger, source = c.trigger.i, c.source.root.i
    if (
        dep[trigger] != "relcl"
        and any(dep[k] in ("nsubj", "nsubjpass") for k in tokens.children(trigger))
        and not _governs(tokens, trigger, source)
    ):
        return True
    if c.target is None:
        return False
    subject = c.target.root.i
    return dep[subject] in ("nsubj", "nsubjpass") and _in_clause_below(tokens, trigger, subject)


def _acts_below(c: Candidate) -> bool:
    """Whether the source hangs in a clause below the trigger, and so acts there, not in the
    trigger's act: "he was cited as saying ... the more Putin intervenes, the more Kazakhstan
    will become like Ukraine", "attacked the town after rebels fired on it"."""
    return c.source is not None and _in_clause_below(
        table(c.trigger.doc), c.trigger.i, c.source.root.i
    )


def _in_clause_below(tokens: TokenTable, trigger: int, i: int) -> bool:
    """Whether token ``i``'s nearest verb is another below the trigger, in a clause that is not
    a noun's ("the attack that rebels launched", "the attack launched by rebels" are the
    noun's own)."""
    clause = governor_index(tokens, i)
    return (
        clause != trigger
        and tokens.dep[clause] not in ("relcl", "acl")
        and _governs(tokens, trigger, clause)
    )


def _told_of(thing: Span, trigger: Token) -> bool:
    """Whether a thing is in the clause a verb of saying reports ("the West should impose
    sanctions, the senator said") or is what the words came through ("said in a statement"):
    the speaker does nothing to it."""
    return trigger.lemma_ in SPEECH_VERBS and (
        thing.root.lemma_.lower() in CHANNEL_NOUNS
        or _in_clause_below(table(trigger.doc), trigger.i, thing.root.i)
    )


def _far(thing: Span, trigger: Token) -> bool:
    """Whether a thing hangs more than ``_THING_STEPS`` steps below the trigger in the parse."""
    head = table(trigger.doc).head
    i = thing.root.i
    for _ in range(_THING_STEPS):
        if i == trigger.i:
            return False
        i = head[i]
    return i != trigger.i


def _things(sent: Span, parties: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """The noun phrases of a sentence that hold no actor but may be a side of an act: a place
    or a thing as the object of a verb or preposition ("stormed a military base", "condemned
    the bombing") or as a subject ("artillery fire killed"), from its first word to its head,
    with ``_THING`` for id; no pronouns, dates, amounts or denials ("presented no evidence")."""
    taken = {i for span, _ in parties for i in range(span.start, span.end)}
    doc = sent.doc
    tokens = table(doc)
    dep, lower = tokens.dep, tokens.lower
    found = []
    for i in range(sent.start, sent.end):
        if dep[i] not in _THING_DEPS or tokens.pos[i] not in ("NOUN", "PROPN"):
            continue
        if any(dep[c] == "det" and lower[c] == "no" for c in tokens.children(i)):
            continue
        tok = doc[i]  # for what the table does not hold: its entity type and left edge
        if tok.ent_type_ in _NOT_PARTIES:
            continue
        left = tok.left_edge.i
        if not any(j in taken for j in range(left, i + 1)):
            found.append((Span(doc, left, i + 1), _THING))  # ``doc[left : i + 1]``, unchecked
    return found


def _is_state(trigger: Token) -> bool:
    """ "The troops are on Kazakh soil": a copula with only a place after it tells where things
    are, not an event (unlike "is the largest donor", "were behind the attack", "remained on
    alert"); "Kazakhstan will become like Ukraine": a likeness is none either, nor a becoming
    ("will turn into Belarus"; unlike "turned the city into a fortress" or "turned into a
    riot", an event noun)."""
    lemma = trigger.lemma_.lower()
    if lemma == "turn":
        if any(c.dep_ == "dobj" for c in trigger.children):
            return False
        into = [o for c in trigger.children if c.lower_ == "into" for o in c.children]
        return bool(into) and not any(o.lemma_.lower() in event_nouns() for o in into)
    if lemma not in _COPULAS and lemma not in _LINKING:
        return False
    if any(c.dep_ in _PREDICATES for c in trigger.children):
        return False
    if any(c.dep_ == "prep" and c.lower_ in ("like", "unlike") for c in trigger.children):
        return True
    if lemma not in _COPULAS:
        return False
    objects = [o for c in trigger.children if c.dep_ == "prep" for o in c.children]
    return bool(objects) and all(
        o.ent_type_ in _LOCATION_LABELS or o.lemma_.lower() in _PLACES for o in objects
    )


def _asserts(trigger: Token) -> bool:
    """Whether a verb says that something is so rather than asks for it: a clause in the
    indicative ("insisted that the regime is nearing its end", "stressed that talks had
    failed") with no one asked and nothing called for, unlike "insisted that he resign",
    "insisted that they must leave", "urged them to", "insisted on talks"."""
    clause = None
    for c in trigger.children:
        if c.dep_ in ("dobj", "dative", "xcomp"):
            return False
        if c.dep_ == "prep" and c.lower_ in ("on", "for"):
            return False
        if c.dep_ == "ccomp":
            clause = c
    if clause is None:
        return False
    # the verbs of the clause: its head, or those below it where the parse made a noun its head
    verbs = [clause] if clause.pos_ in ("VERB", "AUX") else list(clause.subtree)
    auxiliaries = [c for v in verbs for c in v.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _OBLIGING for a in auxiliaries):
        return False
    return any(v.tag_ in ("VBZ", "VBD") for v in verbs) or any(
        a.tag_ in ("VBZ", "VBD", "MD") for a in auxiliaries
    )


def _is_conjecture(trigger: Token) -> bool:
    """ "He was not confident that the forces would stay loyal", "they fear that troops could
    enter": a modal clause under a belief or a feeling is a guess, not a reported event."""
    if trigger.dep_ != "ccomp" or not any(
        c.dep_ == "aux" and c.lower_ in _GUESSING_MODALS for c in trigger.children
    ):
        return False
    head = trigger.head
    return head.pos_ == "ADJ" or head.lemma_.lower() in _BELIEFS


def _relative_subject(mentions: list[tuple[Span, str]]) -> bool:
    """Whether a mention holds the subject of a relative clause, the first thing
    ``_through_relative`` looks for in a candidate's sides."""
    return any(_holds_relative_subject(span) for span, _ in mentions)


def _holds_relative_subject(span: Span) -> bool:
    """Whether a token of ``span`` is the subject of a relative clause (read without Tokens)."""
    tokens = table(span.doc)
    dep, head = tokens.dep, tokens.head
    return any(dep[i] == "nsubj" and dep[head[i]] == "relcl" for i in range(span.start, span.end))


def _through_relative(c: Candidate) -> Candidate:
    """ "He is a fugitive whom Kazakhstan has tried": a pair joined through an object relative
    clause is an event of that clause, its subject the source and the one it describes the
    target (the parse joins them only through "is")."""
    if c.source is None or c.target is None:
        return c
    for outer, inner in ((c.source, c.target), (c.target, c.source)):
        if not _holds_relative_subject(inner):
            continue  # (what the root must be, read without making the root)
        clause = inner.root.head
        if inner.root.dep_ != "nsubj" or clause.dep_ != "relcl":
            continue
        verbs = [clause, *(t for t in clause.children if t.dep_ == "conj")]  # "tried and sentenced"
        verb = next(
            (
                v
                for v in verbs
                if any(t.dep_ == "dobj" and t.lower_ in _RELATIVES for t in v.children)
            ),
            None,
        )
        if verb is None:
            continue
        noun, root = clause.head, outer.root
        described = outer.start <= noun.i < outer.end or (
            noun.dep_ in ("attr", "appos") and root.dep_ == "nsubj" and root.head.i == noun.head.i
        )
        if described:
            return Candidate(verb, inner, outer)
    return c


def _received(c: Candidate) -> Candidate:
    """ "Iran faces criticism from the U.N.", "received an invitation from Putin": what the
    subject of a verb of receiving gets "from" another is that other's act, done to the
    subject; the pair is turned round."""
    if c.source is None or c.target is None or c.trigger.lemma_.lower() not in _RECEIVING:
        return c
    subject, giver = c.source.root, c.target.root
    if subject.dep_ != "nsubj" or subject.head.i != c.trigger.i:
        return c
    prep = giver.head
    if giver.dep_ != "pobj" or prep.lower_ != "from":
        return c
    if prep.head.i == c.trigger.i or (prep.head.dep_ == "dobj" and prep.head.head.i == c.trigger.i):
        return Candidate(c.trigger, c.target, c.source)
    return c


def _ranked(cands: Iterable[Candidate], things: set[int]) -> list[Candidate]:
    """Candidates in their order, save that a target a light verb's act is aimed at goes first
    (``_aimed_through_object``), then the pairs between actors, those without a
    weak target (``_weak_target``) before the others, then the pairs with a place or thing
    (starting at one of ``things``) for target, then those whose target is the forces moved
    (``_moved_forces``), then the one-sided: a trigger is typed through the first it has, so a
    place or thing is the target only where no actor is."""

    def rank(c: Candidate) -> float:
        if c.source is None or c.target is None:
            return 3
        if _aimed_through_object(c):
            return -1
        if c.target.start in things or c.source.start in things:
            return 2
        tokens, target = table(c.trigger.doc), c.target.root.i
        if _moved_forces(tokens, target):
            return 2.5  # after a place or thing they are moved to or from
        return 1 if _weak_target(tokens, c.trigger.i, c.source.root.i, target) else 0

    return sorted(cands, key=rank)


def _aimed_through_object(c: Candidate) -> bool:
    """ "Held talks with the rebels", "imposed sanctions on Iran": whether the target hangs on
    the trigger's object, a light verb's act (``_LIGHT_VERBS``), through a preposition of aim
    (the pair then goes before the object itself and the verb's other parties)."""
    if c.target is None or c.trigger.lemma_.lower() not in _LIGHT_VERBS:
        return False
    root = c.target.root
    prep = root.head
    if root.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in _AIMED_BY_OBJECT:
        return False
    act = prep.head
    return act.head.i == c.trigger.i and act.dep_ == "dobj" and act.pos_ == "NOUN"


def _weak_target(tokens: TokenTable, trigger: int, source: int, target: int) -> bool:
    """A pair whose source is outside the trigger's clause, or whose target is only the
    source's partner ("the coalition and the government will release prisoners"), where the act
    happens ("filed a lawsuit in a Paris court") or who owns an act aimed at another ("backed
    Turkey's support for the GNA"). The trigger and the roots of the source and target are
    token indices in the Doc whose table is ``tokens`` (the forces the source moves somewhere,
    ``_moved_forces``, are ranked before this is asked)."""
    if not _governs(tokens, trigger, source):
        return True  # the speaker of a reported clause: "Cheshirkov said UNHCR supports Greece"
    if _coordination_head(tokens, target) == _coordination_head(tokens, source):
        return True
    if _in_other_clause(tokens, target, trigger):
        return True  # "agreed to hold exercises but insisted they were not linked to Iraq"
    if is_located(tokens, target):
        return True
    dep, lower = tokens.dep, tokens.lower
    # the owner of an act aimed elsewhere: "Turkey's support for the GNA"
    return dep[target] == "poss" and any(
        dep[t] == "prep"
        and lower[t] in _AIMED_AT
        and any(dep[o] == "pobj" for o in tokens.children(t))
        for t in tokens.children(tokens.head[target])
    )


def _moved_forces(tokens: TokenTable, root: int) -> bool:
    """Whether the mention rooted at token ``root`` is the forces a verb sends or pulls out
    somewhere ("sent troops to Uganda", "will send a team of experts to Iran"): the means of the
    act, not its target (``tokens``: the Doc's table)."""
    dep, head, lower = tokens.dep, tokens.head, tokens.lower
    nouns = [root]
    if dep[root] == "pobj" and lower[head[root]] == "of" and dep[head[head[root]]] == "dobj":
        nouns.append(head[head[root]])  # "a team of experts"
    return (
        dep[nouns[-1]] == "dobj"
        and any(tokens.lemma[n] in _FORCE_NOUNS for n in nouns)
        and any(
            dep[t] == "prep" and lower[t] in _DESTINATIONS
            for n in (*nouns, head[nouns[-1]])  # "sent troops to", "a team of experts to Iran"
            for t in tokens.children(n)
        )
    )


def _in_other_clause(tokens: TokenTable, i: int, trigger: int) -> bool:
    """Whether token ``i`` reaches ``trigger`` in the parse only through a clause of another
    verb joined to it ("agreed ... but insisted", "attacked ... and killed")."""
    while i != trigger and tokens.head[i] != i:
        if tokens.dep[i] in ("conj", "ccomp", "advcl", "parataxis") and tokens.pos[i] in (
            "VERB",
            "AUX",
        ):
            return True
        i = tokens.head[i]
    return False


def _governs(tokens: TokenTable, trigger: int, i: int) -> bool:
    """Whether token ``i`` is ``trigger`` or below it in the parse."""
    return i == trigger or trigger in tokens.ancestors(i)


def _coordination_head(tokens: TokenTable, i: int) -> int:
    """The first conjunct of the coordination token ``i`` is in (``i`` itself if none)."""
    while tokens.dep[i] == "conj" and tokens.head[i] != i:
        i = tokens.head[i]
    return i


def _with_places_done_to(
    index: SentenceIndex,
    parties: list[tuple[Span, str]],
    places: list[tuple[Span, str]],
    found: list[_Found],
) -> list[_Found]:
    """A verbal event with a source is done to the country its own clause places it in, when
    it has no target ("agreed to a ceasefire in eastern Ukraine"), or when what it is done to
    is a thing in that country and the target was found elsewhere ("attacked an army base in
    Afghanistan, killing 17 soldiers")."""
    acting = {i for span, _ in parties for i in range(span.start, span.end)}
    out = []
    for f in found:
        trig = f.candidate.trigger
        if f.source is None or f.nominal or trig.pos_ not in ("VERB", "AUX"):
            out.append(f)
            continue
        thing = next((c for c in trig.children if c.dep_ == "dobj" and c.i not in acting), None)
        target = f.candidate.target
        if f.target is not None and (
            thing is None
            or target is None
            or thing.left_edge.i <= target.root.i <= thing.right_edge.i
        ):
            out.append(f)
            continue
        sent = index.of(trig.i)
        best: tuple[int, Span, str] | None = None
        for span, aid in places:
            if aid == f.source or not sent.start <= span.start < sent.end:
                continue
            if (
                f.target is not None
                and thing is not None
                and not (thing.left_edge.i <= span.start and span.end <= thing.right_edge.i + 1)
            ):
                continue
            path = _path_up(span.root, trig)
            if path is not None and (best is None or len(path) < best[0]):
                best = (len(path), span, aid)
        if best is None:
            out.append(f)
            continue
        c = f.candidate
        placed = Candidate(trig, c.source, best[1])
        out.append(replace(f, target=best[2] or None, candidate=placed))
    return out


def _path_up(tok: Token, trigger: Token) -> list[Token] | None:
    """The tokens from ``tok`` up to ``trigger``, if ``trigger`` is its ancestor within the
    trigger's own clause; None otherwise."""
    path: list[Token] = []
    while tok.i != trigger.i:
        if tok.dep_ in _OTHER_CLAUSES or tok.head.i == tok.i or len(path) > _MAX_PLACE_PATH:
            return None
        path.append(tok)
        tok = tok.head
    return path


def _place_mentions(
    doc: Doc, actors: Sequence[Actor], ents: Sequence[Span] | None = None
) -> list[tuple[Span, str]]:
    """Mentions of countries and cities named as where something happens ("in Almaty"): those
    of actors with their id, the others (places that are no actor) with ``_THING``. ``ents``:
    ``doc.ents``, when the caller has them."""
    found = []
    for actor in actors:
        if actor.kind != "GPE":
            continue
        for m in actor.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and in_location_phrase(span):
                found.append((span, actor.id))
    taken = {i for span, _ in found for i in range(span.start, span.end)}
    for ent in doc.ents if ents is None else ents:
        if (
            ent.label_ in _LOCATION_LABELS
            and not any(t.i in taken for t in ent)
            and in_location_phrase(ent)
        ):
            found.append((ent, _THING))
    return sorted(found, key=lambda m: m[0].start)


def _statements(
    doc: Doc,
    index: SentenceIndex,
    actors: Sequence[Actor],
    mentions: list[tuple[Span, str]],
    quotes: Sequence[Quote],
    found: list[_Found],
) -> list[_Found]:
    """Statement events read from quote content (``statement_events``) that no typed event of
    the same type and speaker in the same sentence already tells (``mentions``: ``_mentions``)."""
    if not quotes:
        return []
    have = {(index.number(f.candidate.trigger.i), f.type, f.source) for f in found}
    taken = {f.candidate.trigger.i for f in found if not f.nominal}
    out = []
    for st in statement_events(doc, quotes, index):
        q, n = st.quote, index.number(st.trigger.i)
        if (n, st.type, q.speaker) in have or (st.trigger.i in taken and not st.advice):
            continue
        have.add((n, st.type, q.speaker))
        sent = index.of(st.trigger.i)
        source = _speaker_span(doc, q, sent)
        about = st.about
        target = (
            next(
                (
                    (span, aid)
                    for span, aid in mentions
                    if aid != q.speaker and about is not None and span.start <= about.i < span.end
                ),
                None,
            )
            # a request is made of whom its verb addresses ("urging people to organise strikes
            # and block roads to protest their troops' presence": not the troops)
            or (_addressee(st.trigger, mentions) if st.type == "REQUEST" else None)
            or next(
                (
                    (span, aid)
                    for span, aid in mentions
                    if aid != q.speaker
                    and span.root.pos_ != "PRON"  # named, not resolved: coreference errs here
                    and sent.start <= span.start < sent.end
                    and q.span.start <= span.start_char < q.span.end
                ),
                None,
            )
        )
        doers = _doers(about, actors) if target is None and about is not None else None
        out.append(
            _Found(
                Candidate(st.trigger, source, target[0] if target else None),
                q.speaker,
                (target[1] or None) if target else doers,
                st.type,
                STATEMENT_CONFIDENCE,
            )
        )
    return out


def _addressee(trigger: Token, mentions: list[tuple[Span, str]]) -> tuple[Span, str] | None:
    """Whom a request is made of, from the object of its verb ("urging people to organise
    strikes", "called on the army to"): the actor mention there, else the words alone, with
    ``_THING`` for id."""
    whom = next((c for c in trigger.children if c.dep_ in ("dobj", "dative")), None)
    if whom is None:
        prep = next((c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "on"), None)
        whom = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
    if whom is None or whom.pos_ not in ("NOUN", "PROPN"):
        return None
    named = next(((span, aid) for span, aid in mentions if span.start <= whom.i < span.end), None)
    return named or (trigger.doc[whom.left_edge.i : whom.i + 1], _THING)


def _doers(pronoun: Token, actors: Sequence[Actor]) -> str | None:
    """ "The protests ... they were organised by criminals": a plural pronoun that stands for
    the nearest plural noun before it in its sentence, when that noun is an activity, is said of
    the group the article names for its doers (the "protesters" of "protests")."""
    if pronoun.lower_ not in ("they", "them"):
        return None
    noun = next(
        (t for t in reversed(pronoun.sent[: pronoun.i - pronoun.sent.start]) if t.tag_ == "NNS"),
        None,
    )
    if noun is None:
        return None
    act = noun.lemma_.lower()
    names = {act + "er", act + "r", act + "or", act.removesuffix("ion") + "or"}
    return next(
        (
            a.id
            for a in actors
            if a.kind == "GROUP" and a.name.lower().split()[-1].removesuffix("s") in names
        ),
        None,
    )


def _with_victims(
    doc: Doc,
    index: SentenceIndex,
    actors: Sequence[Actor],
    mentions: list[tuple[Span, str]],
    f: _Found,
) -> _Found:
    """An attack told with no object, in a "when" clause, hits the group the sentence placed
    there before it: "200 protesters were in the square when soldiers opened fire"."""
    if f.type != "ASSAULT" or f.target is not None:
        return f
    trig = f.candidate.trigger
    sent = index.of(trig.i)
    when = next(
        (t for t in reversed(doc[sent.start : trig.i]) if t.lower_ in _WHEN and t.dep_ != "prep"),
        None,
    )
    if when is None:
        return f
    groups = {a.id for a in actors if a.kind == "GROUP"} - {f.source}
    before = [
        (span, aid) for span, aid in mentions if sent.start <= span.start and span.end <= when.i
    ]
    victim = next(((span, aid) for span, aid in reversed(before) if aid in groups), None)
    if victim is None:
        return f
    c = f.candidate
    return replace(f, target=victim[1], candidate=Candidate(c.trigger, c.source, victim[0]))


def _speaker_span(doc: Doc, quote: Quote, sent: Span) -> Span | None:
    """The speaker's mention when it is in the trigger's sentence (for the evidence span)."""
    at = quote.speaker_span
    if at is None or not (sent.start_char <= at.start < sent.end_char):
        return None
    return doc.char_span(at.start, at.end, alignment_mode="expand")


def _mentions(doc: Doc, actors: Sequence[Actor]) -> list[tuple[Span, str]]:
    """Actor mentions as token spans with their actor id, in text order; a country or city
    named as where something happened ("in Almaty") is a place here, not a party, and so is the
    pronoun owning such a place ("banned in his homeland"); whoever tells of an event ("according
    to the ministry") is not a party to it either."""
    found = []
    told_by = _according_phrases(doc)
    for actor in actors:
        for m in actor.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if (
                span is not None
                and not any(start <= span.start < end for start, end in told_by)
                and not (
                    (actor.kind == "GPE" or span.root.pos_ == "PRON") and in_location_phrase(span)
                )
            ):
                found.append((span, actor.id))
    return sorted(found, key=lambda m: m[0].start)


def _according_phrases(doc: Doc) -> list[tuple[int, int]]:
    """The token ranges of a Doc's "according to ..." phrases."""
    lower = table(doc).lower
    if "according" not in lower:
        return []
    return [
        (i, max(doc[i].right_edge.i, doc[i + 1].right_edge.i) + 1)
        for i, word in enumerate(lower[:-1])
        if word == "according" and lower[i + 1] == "to"
    ]


def _by_sentence(
    index: SentenceIndex, items: list[tuple[Span, T]]
) -> dict[int, list[tuple[Span, T]]]:
    """Phrases grouped by the number of the sentence they start in."""
    grouped: dict[int, list[tuple[Span, T]]] = {}
    for span, value in items:
        grouped.setdefault(index.number(span.start), []).append((span, value))
    return grouped


def _ids(mentions: Iterable[tuple[Span, str]]) -> dict[tuple[int, int], str]:
    """The id of each mention by its token range (the first, where two have the same), for
    ``_actor_id``: made once per sentence, asked for each candidate there."""
    ids: dict[tuple[int, int], str] = {}
    for span, aid in mentions:
        ids.setdefault((span.start, span.end), aid)
    return ids


def _actor_id(span: Span | None, ids: Mapping[tuple[int, int], str]) -> str | None:
    """The id of the actor ``span`` names, matched exactly in ``ids`` (``_ids``); None for a
    place or a thing (``_things``)."""
    if span is None:
        return None
    return ids.get((span.start, span.end)) or None


def _concede_or_retreat(trigger: Token, lexicon: CameoLexicon) -> str:
    """PLV's YIELD is today's CONCEDE or RETREAT: the trigger's CAMEO code decides, then words."""
    tokens = table(trigger.doc)
    lemma = tokens.lemma  # lower-cased lemmas, read without a Token per word of the subtree
    context = frozenset(lemma[i] for i in tokens.subtree(trigger.i))
    plover = lexicon.plover(lexicon.code(lemma[trigger.i], context))
    if plover and plover[0] in ("CONCEDE", "RETREAT"):
        return plover[0]
    return "RETREAT" if context & _RETREAT_WORDS else "CONCEDE"


def _cameo(trigger: Token, type_: str, lexicon: CameoLexicon) -> tuple[str, str | None]:
    """CAMEO root code and PLOVER mode: the trigger's own code when it agrees with the type."""
    code = verb_code(trigger, lexicon)
    plover = lexicon.plover(code)
    if code and plover and plover[0] == type_:
        return code[:2], plover[1]
    return CAMEO_ROOT[type_], None


def is_negated(trigger: Token) -> bool:
    """ "did not attack", "never agreed", "did not agree to meet" for "meet", and "denied that
    it had attacked" or "denied attacking": the source says it did not happen."""
    tokens = table(trigger.doc)  # the parse by token index: no Tokens made
    dep, i = tokens.dep, trigger.i
    head = tokens.head[i]
    for t in (i, head if dep[i] == "xcomp" else i):
        if any(dep[c] == "neg" for c in tokens.children(t)):
            return True
    return dep[i] in ("ccomp", "xcomp") and tokens.lemma[head] in _DENYING and head != i


#: Verbs whose clause is what did not happen, by their subject's word.
_DENYING = frozenset({"deny", "refute"})


def is_hypothetical(trigger: Token) -> bool:
    """Future, modal, conditional, or planned/demanded rather than reported as done (the parse
    read off the token table by index: no Tokens made)."""
    tokens = table(trigger.doc)
    dep, head, lemma, lower = tokens.dep, tokens.head, tokens.lemma, tokens.lower
    i = trigger.i
    while tokens.pos[i] == "NOUN" and head[i] != i:  # "should consider sanctions"
        i = head[i]
    if lemma[i] in _INTENT and any(dep[c] in ("xcomp", "ccomp") for c in tokens.children(i)):
        return True  # "plans to arrest", "vowed to retaliate"
    for _ in range(4):
        kids = tokens.children(i)
        if any(dep[c] in ("aux", "auxpass") and lower[c] in _MODALS for c in kids):
            return True
        if any(dep[c] == "mark" and lower[c] in ("if", "unless") for c in kids):
            return True
        if dep[i] == "xcomp" and lemma[head[i]] in _PLANS:
            return True
        if dep[i] not in ("xcomp", "ccomp", "conj", "advcl") or head[i] == i:
            return False
        i = head[i]
    return False


def _evidence(c: Candidate) -> tuple[int, int]:
    parts = [c.trigger.idx, c.trigger.idx + len(c.trigger)]
    for span in (c.source, c.target):
        if span is not None:
            parts += [span.start_char, span.end_char]
    return min(parts), max(parts)


def _date_phrases(doc: Doc, dates: list[DateMention]) -> list[tuple[Span, DateMention]]:
    phrases = []
    for d in dates:
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is not None:
            phrases.append((span, d))
    return phrases


def _inside(trigger: Token, dates: list[tuple[Span, DateMention]]) -> DateMention | None:
    """For an event noun, a date within its own phrase: "the protests that have this week swept
    the country"."""
    if trigger.pos_ != "NOUN":
        return None
    left, right = trigger.left_edge.i, trigger.right_edge.i
    inside = [
        (abs(s.root.i - trigger.i), d) for s, d in dates if left <= s.start and s.end <= right + 1
    ]
    return min(inside, key=lambda x: x[0])[1] if inside else None


def _shifted(
    trigger: Token, dates: list[tuple[Span, DateMention]], date: DateMention | None
) -> DateMention | None:
    """ "On January 7 ... a crowd the previous day when soldiers opened fire": a date counted from
    an earlier one ("the previous day") and standing between it and the trigger takes over."""
    if date is None:
        return None
    for span, d in dates:
        if date.end <= span.start_char and span.end_char <= trigger.idx and d.relative:
            date = d
    return date


def _narrative_date(
    doc: Doc, index: SentenceIndex, n: int, dates: dict[int, list[tuple[Span, DateMention]]]
) -> DateMention | None:
    """With no date in its sentence (number ``n``), an event takes the main-clause date of the
    nearest earlier sentence of the same paragraph (the narrative's current day), if any."""
    while n > 0:
        sent = index.sentences[n]
        before = doc[sent.start - 1]
        if "\n" in before.text + before.whitespace_:
            return None
        n -= 1
        root = index.sentences[n].root
        for span, d in dates.get(n, []):
            if governor(span).i == root.i:
                return d
    return None


def _nearest(trigger: Token, phrases: list[tuple[Span, Place]]) -> Place | None:
    """The place phrase of the trigger's sentence nearest to it, when the parse attaches none."""
    here = [(abs(s.root.i - trigger.i), p) for s, p in phrases]
    return min(here, key=lambda dp: dp[0])[1] if here else None


def _place_phrases(
    doc_ents: Sequence[Span], actors: Sequence[Actor], places: Gazetteer
) -> list[tuple[Span, Place]]:
    """The place entities (of ``doc_ents``, a Doc's ``ents``) named as where something happens,
    each with the place it resolves to; the article's countries are those of the places it
    names and of its actors ("Canadian police ... in London")."""
    ents = [e for e in doc_ents if e.label_ in _LOCATION_LABELS]
    countries = places.countries_in(e.text for e in ents if e.label_ == "GPE")
    countries.update(filter(None, (places.alpha2(a.country) for a in actors if a.country)))
    out = []
    for k, ent in enumerate(ents):
        if not in_location_phrase(ent):
            continue
        # the country or region in apposition to it: "London, Ontario"
        after = ents[k + 1] if k + 1 < len(ents) else None
        within = (
            after.text
            if after is not None
            and after.root.dep_ == "appos"
            and ent.start <= after.root.head.i < ent.end
            else None
        )
        place = places.resolve(ent.text, countries, within)
        if place is None and ent[0].dep_ == "poss":  # "Almaty's Republic Square"
            owner = ent[: next((i for i, t in enumerate(ent) if t.dep_ == "case"), 1)]
            place = places.resolve(owner.text, countries)
        if place is not None:
            out.append((ent, place))
    return out


def _quote(trigger: Token, sent: Span, found: _Found, quotes: Sequence[Quote] | None) -> str | None:
    """The quote a statement event was made in: one containing the trigger, or whose cue is the
    trigger, or one in the same sentence spoken by the event's source."""
    if not quotes:
        return None
    at = trigger.idx
    for q in quotes:
        if q.span.start <= at < q.span.end or (q.cue and q.cue.start <= at < q.cue.end):
            return q.id
    for q in quotes:
        if q.speaker == found.source and sent.start_char <= q.span.start < sent.end_char:
            return q.id
    return None


@Language.factory(
    "newsgraph_events",
    assigns=["doc._.events"],
    requires=["doc._.actors"],
    default_config={"threshold": 0.5, "classifier": "fast"},
)
def make_events(nlp: Language, name: str, threshold: float, classifier: str) -> EventComponent:
    return EventComponent(threshold, classifier)


class EventComponent:
    """Sets ``doc._.events`` from ``doc._.actors`` and (when present) ``doc._.quotes``."""

    def __init__(self, threshold: float, classifier: str = "fast") -> None:
        if classifier not in ("fast", "accurate"):
            raise ModelError(f"unknown event classifier {classifier!r}: 'fast' or 'accurate'")
        self.threshold = threshold
        self.accurate = event_transformer() if classifier == "accurate" else None

    def __call__(self, doc: Doc) -> Doc:
        ext = doc._  # one ``Underscore`` for the four reads and writes (``doc._`` makes a new one)
        article = ext.article
        ext.events = find_events(
            doc,
            ext.actors or (),
            ext.quotes,
            published=article.published if article is not None else None,
            threshold=self.threshold,
            accurate=self.accurate,
        )
        return doc
