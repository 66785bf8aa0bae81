"""Event candidates in a parsed sentence, and the features the event classifier reads.

A candidate is a trigger token with a source and/or target mention (token spans). For a pair of
mentions the trigger is their lowest common ancestor in the parse, so "<s>Russia</s> sent
troops to <t>Kazakhstan</t>" is read through "sent". The same ``features`` serve training
(``scripts/train_events.py``, on the marked pairs of PLV_train) and the pipeline.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations
from operator import itemgetter

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.cameo import CameoLexicon, listed_type, trigger_types
from newsgraph.extract.token_table import TokenTable, table

__all__ = [
    "NO_EVENT",
    "Candidate",
    "candidate_features",
    "candidates",
    "features",
    "lexicon_type",
    "pair_trigger",
    "sentence_features",
]

NO_EVENT = "NONE"
_SUBJECT = frozenset({"nsubj", "csubj", "agent"})
_PASSIVE = frozenset({"nsubjpass", "csubjpass"})
_CONTENT = frozenset({"NOUN", "VERB", "ADJ", "PROPN", "ADV", "ADP", "NUM", "AUX"})
_NAMING = frozenset({"NOUN", "PROPN", "ADJ"})
_MAX_PATH = 8
_DATELINE_MAX = 12
_DATELINE_ENDS = frozenset({"--", "—", "–", "-", ":"})
#: Reporting verbs: an event reported through one is read through the reported clause instead.
SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "add",
        "state",
        "note",
        "write",
        "report",
        "explain",
        "announce",
        "reply",
        "comment",
        "remark",
        "quote",
        "cite",
        "declare",
        "tweet",
        "recall",
        "acknowledge",
    }
)


@dataclass(frozen=True, slots=True)
class Candidate:
    trigger: Token
    source: Span | None
    target: Span | None


@dataclass(frozen=True, slots=True)
class _Side:
    """A mention and what pairing it asks of the parse, read once per sentence: its root, and
    the root's heads up to the sentence root (``chain``, the root first; ``at`` gives each
    one's place in it)."""

    span: Span
    id: str
    start: int
    end: int
    root: int
    chain: list[int]
    at: dict[int, int]

    @classmethod
    def of(cls, span: Span, id_: str, tokens: TokenTable) -> _Side:
        root = span.root.i
        chain = [root, *tokens.ancestors(root)]
        at = {t: k for k, t in enumerate(chain)}
        return cls(span, id_, span.start, span.end, root, chain, at)

    def path(self, trigger: int) -> list[int]:
        """The tokens from the root up to (not including) ``trigger``, or up to (not
        including) the sentence root when ``trigger`` is not above it (``TokenTable.path_up``)."""
        return self.chain[: self.at.get(trigger, len(self.chain) - 1)]

    def inside(self, i: int) -> bool:
        return self.start <= i < self.end


def pair_trigger(source: Span | None, target: Span | None) -> Token | None:
    """The token an event between ``source`` and ``target`` is told through.

    Their lowest common ancestor, moved up out of the mentions themselves ("Russian troops").
    With one mention only, its nearest verbal ancestor.
    """
    spans = [s for s in (source, target) if s is not None]
    if not spans:
        return None
    doc = spans[0].doc
    tokens = table(doc)
    sides = [_Side.of(s, "", tokens) for s in spans]
    i = _trigger(tokens, sides[0], sides[1] if len(sides) == 2 else None)
    return None if i is None else doc[i]


def _trigger(tokens: TokenTable, a: _Side, b: _Side | None) -> int | None:
    """``pair_trigger`` on mentions read once (``_Side``)."""
    head = tokens.head
    if b is None:
        i = head[a.root]
        while a.inside(i) and head[i] != i:
            i = head[i]
        while tokens.pos[i] not in ("VERB", "AUX") and head[i] != i:
            i = head[i]
        return None if tokens.lemma[i] in SPEECH_VERBS else i
    common = next((t for t in b.chain if t in a.at), None)
    i = a.span.sent.root.i if common is None else common
    while (a.inside(i) or b.inside(i)) and head[i] != i:
        i = head[i]
    return _reported(a.span.doc, tokens, i, b.root)


def _reported(doc: Doc, tokens: TokenTable, i: int, inner: int) -> int:
    """ "X said Y had attacked Z": the event between X and Z is told by "attacked", not "said"
    (``inner``: the root of Z)."""
    lemma, dep = tokens.lemma, tokens.dep
    while lemma[i] in SPEECH_VERBS:
        clause = next(
            (
                c
                for c in tokens.children(i)
                if dep[c] in ("ccomp", "xcomp")
                and doc[c].left_edge.i <= inner <= doc[c].right_edge.i
            ),
            None,
        )
        if clause is None:
            break
        i = clause
    return i


def _role(tokens: TokenTable, path: list[int]) -> str:
    """A mention's part in an event, from its ``path`` up to the trigger."""
    if not path:
        return "self"
    dep = tokens.dep[path[-1]]
    if dep == "agent" or (dep == "prep" and tokens.lower[path[-1]] == "by"):
        return "agent"
    return dep


_CHANNEL_VERBS = SPEECH_VERBS | {"speak", "talk"}


def _channel(tokens: TokenTable, root: int) -> bool:
    """ "Speaking to Reuters", "telling AFP": whether the mention rooted at ``root`` is the
    medium of a statement, not a party to an event ("told the army to use force" orders it)."""
    dep, head = tokens.dep, tokens.head
    i = root
    if dep[i] == "pobj" and tokens.lower[head[i]] == "to":
        i = head[i]
    verb = head[i]
    return (
        dep[i] in ("dative", "dobj", "prep")
        and tokens.lemma[verb] in _CHANNEL_VERBS
        and not any(dep[c] == "xcomp" for c in tokens.children(verb))
    )


def _subject_dep(tokens: TokenTable, root: int) -> str:
    """The dependency label of the mention rooted at ``root``, seen through "a group of
    soldiers", "hundreds of people"."""
    dep, head = tokens.dep, tokens.head
    if dep[root] == "pobj" and tokens.lower[head[root]] == "of":
        noun = head[head[root]]
        if tokens.pos[noun] in ("NOUN", "NUM"):
            return dep[noun]
    return dep[root]


def _modifies(tokens: TokenTable, inner: int, outer: int) -> bool:
    """Whether the mention rooted at ``inner`` is part of the noun phrase headed by ``outer``:
    "South Africa" in "South Africa's government", "Kazakhstan" in "the government of
    Kazakhstan", not a party to an event with it. Conjoined mentions ("Canada and Costa Rica")
    are parties."""
    i = inner
    while i != outer:
        if tokens.dep[i] == "conj" or tokens.pos[i] in ("VERB", "AUX") or tokens.head[i] == i:
            return False
        i = tokens.head[i]
    return True


def _arity_order(
    tokens: TokenTable, subject: bool, paths: list[list[int]]
) -> tuple[int, int, int, int]:
    """How well-formed a candidate is: a direct subject (``subject``) for source, both
    arguments, the fewest clauses between the arguments and the trigger (``paths``: each
    argument's), the shortest path. Lower is better."""
    pos = tokens.pos
    clauses = len([i for path in paths for i in path if pos[i] in ("VERB", "AUX")])
    return (0 if subject else 1), -len(paths), clauses, sum(map(len, paths))


def candidates(
    sent: Span, mentions: list[tuple[Span, str]], passive: frozenset[int] = frozenset()
) -> Iterator[Candidate]:
    """Candidates from the actor mentions of one sentence (token span, actor id), best-formed
    first for each trigger.

    Every pair of mentions of different actors, neither part of the other's noun phrase
    ("South Africa's government"), oriented so that the grammatical subject (or passive agent)
    is the source; and every mention that is the subject of a verb on its own. Mentions that
    are only the channel of a statement ("told AFP") or in the dateline take no part, and
    those starting at ``passive`` (places and things acts are done to) are never a source:
    no pair of two of them, and none of them alone as a subject. Mentions with an empty id
    (places and things, no actor) may pair with each other.
    """
    start = _dateline_end(sent)
    tokens = table(sent.doc)
    sides = [_Side.of(m, aid, tokens) for m, aid in mentions if m.start >= start]
    sides = [side for side in sides if not _channel(tokens, side.root)]
    ordered = sorted(_candidates(sent.doc, tokens, sides, passive), key=itemgetter(0))
    return (c for _, c in ordered)


def _dateline_end(sent: Span) -> int:
    """Where the sentence's dateline ends ("KABUL (Pajhwok):", "TIRANA, Albania (AP) --"), the
    sentence's start if it has none: the place and agency there are not parties to its events."""
    for tok in sent[:_DATELINE_MAX]:
        spaced = tok.i > 0 and tok.doc[tok.i - 1].whitespace_ != ""
        mark = tok.text.lstrip(")")  # "):" is one token
        if mark in _DATELINE_ENDS and (spaced or mark == ":"):
            end = tok.i + 1
        elif tok.text == ")" and sent[0].is_upper and len(sent[0]) > 2:
            end = tok.i + 1  # "WASHINGTON (AP) President Trump ..."
        elif tok.is_punct or tok.like_num or tok.is_title or tok.is_upper:
            continue
        else:
            return sent.start
        prefix = sent[: end - sent.start]
        marked = (sent[0].is_upper and len(sent[0]) > 2) or any(t.text == "(" for t in prefix)
        return end if marked and not any(t.pos_ in ("VERB", "AUX") for t in prefix) else sent.start
    return sent.start


def _candidates(
    doc: Doc, tokens: TokenTable, sides: list[_Side], passive: frozenset[int]
) -> Iterator[tuple[tuple[int, int, int, int], Candidate]]:
    """The candidates, each after its ``_arity_order``."""
    for a, b in combinations(sides, 2):
        if (a.id and a.id == b.id) or a.start < b.end and b.start < a.end:
            continue
        if a.start in passive and b.start in passive:
            continue
        if (b.root in a.at and _modifies(tokens, a.root, b.root)) or (
            a.root in b.at and _modifies(tokens, b.root, a.root)
        ):
            continue  # (one modifies the other only if it is below it)
        trigger = _trigger(tokens, a, b)
        assert trigger is not None
        pa, pb = a.path(trigger), b.path(trigger)
        if len(pa) + len(pb) > _MAX_PATH:
            continue
        ra, rb = _role(tokens, pa), _role(tokens, pb)
        if (rb in _SUBJECT and ra not in _SUBJECT) or (ra in _PASSIVE and rb not in _PASSIVE):
            a, b, pa, pb, ra = b, a, pb, pa, rb
        yield (
            _arity_order(tokens, ra in _SUBJECT, [pa, pb]),
            Candidate(doc[trigger], a.span, b.span),
        )
    for m in sides:
        dep = _subject_dep(tokens, m.root)
        if dep in _PASSIVE or (dep in _SUBJECT and m.start not in passive):
            trigger = _trigger(tokens, m, None)
            if trigger is not None:
                done_to = dep in _PASSIVE
                path = m.path(trigger)
                subject = not done_to and _role(tokens, path) in _SUBJECT
                source, target = (None, m.span) if done_to else (m.span, None)
                yield (
                    _arity_order(tokens, subject, [path]),
                    Candidate(doc[trigger], source, target),
                )


def features(
    c: Candidate,
    lexicon: CameoLexicon,
    cache: dict[int, list[str]] | None = None,
    sent: Span | None = None,
) -> list[str]:
    """Binary features of one candidate: trigger, its arguments, the dependency path between
    the mentions, the words of the sentence, the CAMEO codes of the verbs involved, the
    trigger list's type, and whether the act is announced rather than done (``_future``)
    (``candidate_features``, then ``sentence_features``).

    ``cache`` (one dict per Doc) keeps what depends on the sentence alone between candidates;
    ``sent`` is the trigger's sentence when the caller knows it already.
    """
    f = candidate_features(c, lexicon)
    if cache is None:
        cache = {}
    sent = sent if sent is not None else c.trigger.sent
    if sent.start not in cache:
        cache[sent.start] = sentence_features(sent, lexicon)
    f.extend(cache[sent.start])
    return f


def candidate_features(
    c: Candidate, lexicon: CameoLexicon, types: dict[int, str | None] | None = None
) -> list[str]:
    """The features of ``features`` that are the candidate's own, not its sentence's.

    ``types`` (one dict per Doc) keeps each trigger's ``lexicon_type`` between candidates.
    """
    trig, doc = c.trigger, c.trigger.doc
    t = trig.i
    tokens = table(doc)
    lemma, pos, dep = tokens.lemma, tokens.pos, tokens.dep
    f = [f"trig={lemma[t]}", f"trig_pos={pos[t]}"]
    if dep[t] in ("xcomp", "ccomp", "advcl", "conj", "relcl", "acl", "pcomp"):
        f.append(f"gov={lemma[tokens.head[t]]}")
        f.append(f"gov_dep={dep[t]}")
    verbs = [t]
    for child in tokens.children(t):
        label = dep[child]
        if label == "neg":
            f.append("neg")
        elif label in ("aux", "auxpass"):
            f.append(f"aux={lemma[child]}")
        elif label in ("xcomp", "ccomp"):
            f.append(f"{label}={lemma[child]}")
            verbs.append(child)
        elif label in ("dobj", "attr", "oprd", "prep", "dative", "prt", "advmod", "acomp"):
            f.append(f"{label}={lemma[child]}")
    for name, span in (("s", c.source), ("t", c.target)):
        if span is None:
            f.append(f"{name}_none")
            continue
        root = span.root
        start, end = span.start, span.end
        path = tokens.path_up(root.i, t)
        f.append(f"{name}_dep={dep[path[-1]] if path else 'self'}")
        for i in path:
            if not start <= i < end:
                f.append(f"{name}_path={lemma[i]}")
                if pos[i] == "VERB":
                    verbs.append(i)
        f.append(f"{name}_ent={root.ent_type_ or pos[root.i]}")
        f.extend(f"{name}_w={lemma[i]}" for i in range(start, end) if pos[i] in _NAMING)
    f.extend(_cameo(doc, verbs, lexicon))
    if types is None:
        types = {}
    if t not in types:
        types[t] = lexicon_type(trig, lexicon, trigger_types())
    if (lex := types[t]) is not None:
        f.append(f"lex={lex}")
    if _future(tokens, t):
        f.append("future")
        f.extend(f"future_{x}" for x in list(f) if x.startswith(("lex=", "cameo_trig=")))
    return f


#: Auxiliaries and governing verbs that put an act in the future or make it a plan.
_FUTURE_AUX = frozenset({"will", "would", "shall", "could", "may", "might"})
_PLAN = frozenset({"plan", "vow", "intend", "threaten", "pledge", "promise", "warn", "begin"})


def _future(tokens: TokenTable, t: int) -> bool:
    """Whether the trigger at ``t`` is an act announced, not done: "will boycott the meeting",
    "would strike the militia", or the complement of a verb of planning ("plan", "vow", ...)
    when the pair is read through the complement. PLV codes many such acts THREATEN, which the
    same act done is not. Its ``future`` feature is also crossed with the trigger's lexicon and
    CAMEO types, so the classifier learns it per kind of act."""
    dep, lemma = tokens.dep, tokens.lemma
    if any(dep[k] == "aux" and lemma[k] in _FUTURE_AUX for k in tokens.children(t)):
        return True
    return dep[t] in ("xcomp", "ccomp") and lemma[tokens.head[t]] in _PLAN


def sentence_features(sent: Span, lexicon: CameoLexicon) -> list[str]:
    """Words and CAMEO types of the whole sentence."""
    tokens = table(sent.doc)
    lemma, pos, punct = tokens.lemma, tokens.pos, tokens.is_punct
    words = range(sent.start, sent.end)
    f = [f"w={lemma[i]}" for i in words if pos[i] in _CONTENT and not punct[i]]
    found = {_context_free_type(lexicon, lemma[i]) for i in words if pos[i] == "VERB"}
    f.extend(f"cameo_any={t}" for t in sorted(t for t in found if t is not None))
    return f


#: ``_context_free_type``'s answers, for the lexicon asked last (the pipeline asks one).
_free_types: tuple[CameoLexicon, dict[str, str | None]] | None = None


def _context_free_type(lexicon: CameoLexicon, lemma: str) -> str | None:
    """The PLOVER type of verb ``lemma`` with no words around it, worked out once per verb."""
    global _free_types
    if lemma not in lexicon.verbs:
        return None  # what ``CameoLexicon.code`` gives
    known = _free_types  # read once: another thread may replace it
    if known is None or known[0] is not lexicon:
        known = _free_types = (lexicon, {})
    types = known[1]
    if lemma not in types:
        plover = lexicon.plover(lexicon.code(lemma, frozenset()))
        types[lemma] = plover[0] if plover is not None else None
    return types[lemma]


def lexicon_type(trigger: Token, lexicon: CameoLexicon, triggers: dict[str, str]) -> str | None:
    """The PLOVER type the trigger's words give, in PLV's labels (YIELD for CONCEDE/RETREAT):
    the hand-written trigger list for the trigger, its object or its complement ("opened fire",
    "threatened to attack" gives THREATEN), then the trigger's CAMEO verb pattern."""
    tokens = table(trigger.doc)
    lemma = tokens.lemma
    objects = [c for c in tokens.children(trigger.i) if tokens.dep[c] in ("dobj", "xcomp")]
    words = [trigger.i, *objects]
    doc = trigger.doc
    found = next((listed_type(doc[w], triggers) for w in words if lemma[w] in triggers), None)
    if found is None and lemma[trigger.i] in lexicon.verbs:
        plover = lexicon.plover(verb_code(trigger, lexicon))
        found = plover[0] if plover else None
    return "YIELD" if found in ("CONCEDE", "RETREAT") else found


def _cameo(doc: Doc, verbs: list[int], lexicon: CameoLexicon) -> Iterator[str]:
    """The CAMEO features of the verbs (token indices) of a candidate, its trigger first."""
    lemma = table(doc).lemma
    for k, i in enumerate(verbs):
        if lemma[i] not in lexicon.verbs:
            continue
        code = _verb_code(doc, i, lexicon)
        plover = lexicon.plover(code)
        if plover is not None:
            yield f"cameo={plover[0]}"
            if k == 0:
                yield f"cameo_trig={plover[0]}"
                yield f"cameo_code={code[:2] if code else ''}"


def verb_code(verb: Token, lexicon: CameoLexicon) -> str | None:
    """The CAMEO code of ``verb``'s pattern given the words of its subtree, worked out once per
    verb and Doc (a verb is scored for every pair it could join)."""
    return _verb_code(verb.doc, verb.i, lexicon)


def _verb_code(doc: Doc, verb: int, lexicon: CameoLexicon) -> str | None:
    """``verb_code`` of the token at index ``verb``."""
    cache: dict[tuple[int, int], str | None] = doc.user_data.setdefault(_CODES, {})
    key = (id(lexicon), verb)
    if key not in cache:
        tokens = table(doc)
        lemma = tokens.lemma
        when = _time_words(doc)
        words = [w for w in _subtree(doc, tokens, verb) if w not in when]
        # what a passive verb is done to stands before it: "aid was sent" is "sent aid"
        done_to = {
            w for c in tokens.children(verb) if tokens.dep[c] == "nsubjpass"
            for w in tokens.subtree(c)
        }
        after = [w for w in words if w > verb or w in done_to]
        before = [w for w in words if w < verb and w not in done_to]
        cache[key] = lexicon.code(lemma[verb], _words(tokens, after), _words(tokens, before))
    return cache[key]


def _subtree(doc: Doc, tokens: TokenTable, i: int) -> Iterator[int]:
    """``tokens.subtree(i)``, read from the tokens between ``i``'s leftmost and rightmost
    descendants (spaCy keeps them): those whose heads lead up to ``i``, which in a projective
    parse is all of them, so few steps each."""
    head = tokens.head
    tok = doc[i]
    for j in range(tok.left_edge.i, tok.right_edge.i + 1):
        k = j
        while k != i and head[k] != k:
            k = head[k]
        if k == i:
            yield j


def _words(tokens: TokenTable, indices: list[int]) -> set[str]:
    """The lower-cased forms and lemmas of the tokens at ``indices``."""
    lower, lemma = tokens.lower, tokens.lemma
    return {*map(lower.__getitem__, indices), *map(lemma.__getitem__, indices)}


def _time_words(doc: Doc) -> frozenset[int]:
    """The tokens of the Doc's dates and times, with a preposition that heads one: words that
    never tell what was done ("phoned Putin on Tuesday" is no "call on", an appeal), kept out of
    the CAMEO patterns' context. Worked out once per Doc."""
    found: frozenset[int] | None = doc.user_data.get(_TIME_WORDS)
    if found is None:
        tokens = table(doc)
        head, dep = tokens.head, tokens.dep
        words = {i for e in doc.ents if e.label_ in ("DATE", "TIME") for i in range(e.start, e.end)}
        words |= {head[i] for i in words if dep[i] == "pobj" and dep[head[i]] == "prep"}
        found = doc.user_data[_TIME_WORDS] = frozenset(words)
    return found


_CODES = "newsgraph_cameo_codes"
_TIME_WORDS = "newsgraph_time_words"
