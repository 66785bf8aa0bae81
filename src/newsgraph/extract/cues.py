"""Attribution cues on the dependency parse: the verb (or "according to") that introduces a
statement, who it names as the speaker, what was said, and the channel it came through.

Pure functions over spaCy tokens; ``attribution.py`` combines them with the quote marks.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsgraph.extract.cue_model import CueModel, cue_features, cue_model
from newsgraph.extract.token_table import TokenTable, doc_text, table

Range = tuple[int, int]
_COMPLEMENTIZERS = frozenset({"that", "whether", "if", "how", "why", "what", "who", "when"})

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: Deps through which the channel search climbs from a cue to the verbs it hangs from.
_BORROW_SUBJECT = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep", "acl", "ccomp"})
#: Deps at which the search for a borrowed subject stops (a new statement or clause starts).
_STOP_BORROW = frozenset({"ROOT", "parataxis", "ccomp", "csubj"})
_RELATIVE = frozenset({"WP", "WDT"})
_PASSIVE_REPORT = frozenset({"quote", "cite", "report"})
_CHANNEL_PREPS = frozenset({"to", "by", "with", "from", "on", "in", "via", "through"})
#: Verbs whose object is whom a statement is made to ("told AFP").
TELL_VERBS = frozenset({"tell", "inform", "write", "speak"})
#: Verbs of seeming, whose complement is an impression reported ("she seemed uneasy").
SEEMING = frozenset({"appear", "seem", "sound", "look"})
#: Prepositions that carry what an object was judged for ("accused X of", "praised X for").
_REASON_PREPS = frozenset({"of", "for", "as"})
#: Nouns that report what someone said, thinks or wants when a clause follows them.
NOUN_CUES = frozenset({
    "claim", "statement", "hope", "criticism", "view", "fear", "report", "promise", "warning",
    "concern", "assertion", "suggestion", "complaint", "argument", "belief", "pledge", "vow",
    "announcement", "allegation", "accusation", "insistence", "assurance", "contention",
    "prediction", "admission", "acknowledgment", "denial", "charge", "plan",
})
#: Verbs that voice such a noun: "X made the claim that", "expressed hope that".
_VOICING = frozenset({
    "make", "express", "voice", "repeat", "reiterate", "issue", "offer", "renew", "raise",
    "share", "air", "put", "stand", "deliver", "announce", "give", "echo",
})
#: Nouns that name the medium a statement came through ("a statement", "state television").
CHANNEL_NOUNS = frozenset({
    "statement", "interview", "television", "tv", "radio", "broadcast", "tweet", "twitter",
    "facebook", "post", "conference", "briefing", "email", "letter", "speech", "blog",
    "podcast", "telegram", "instagram", "x", "press", "newspaper", "website", "video",
    "communique", "communiqué", "release", "op-ed", "column", "memo", "message",
})
_CHANNEL_ENTS = frozenset({"ORG", "PRODUCT", "WORK_OF_ART"})
_NOT_CHANNEL = frozenset({"PERSON", "GPE", "NORP", "LOC", "FAC", "DATE", "TIME"})
_ASIDES = frozenset({"relcl", "appos"})
_MENTION_DEPS = frozenset({"compound", "det", "amod", "poss", "nmod", "nummod", "case", "flat"})


@dataclass(frozen=True, slots=True)
class Cue:
    """One attribution cue in a sentence, with the pieces the parse gives for it.

    Token index ranges are half-open. ``content`` may hold several fragments (a cue in the middle
    of the statement splits it); it is empty when the parse names no complement.
    """

    cue: tuple[int, int]
    source: tuple[int, int] | None
    source_head: int | None
    content: tuple[tuple[int, int], ...]
    channel: tuple[int, int] | None
    colon: int | None  # token index of a ':' that opens the statement after the cue
    frame: str = "clause"
    reported: bool = False  # "was quoted as saying": words passed on by someone else
    score: float = 1.0  # the cue model's probability (1.0 where no model decides)


def find_cues(
    sent: SpacySpan, quoted: Sequence[Range] = (), model: CueModel | None = None
) -> Iterator[Cue]:
    """The cues of one sentence, in order. ``quoted``: character ranges of the quotations."""
    model = cue_model() if model is None else model
    doc = sent.doc
    tokens = table(doc)
    lower, pos, lemma = tokens.lower, tokens.pos, tokens.lemma
    for i in range(sent.start, sent.end):
        if lower[i] not in _MODIFIER_WORDS and not (
            pos[i] in ("VERB", "AUX") or (pos[i] == "NOUN" and lemma[i] in NOUN_CUES)
        ):
            continue  # no cue noun or verb, no "according to": no Token needed
        tok = doc[i]
        if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.nbor().lower_ == "to":
            if not _in_accordance(sent, tok):
                yield _according_to(sent, tok)
        elif (modifier := modifier_cue(sent, tok)) is not None:
            yield modifier
        elif (noun := noun_cue(tok)) is not None:
            # the object of another cue ("rejected the claim that") is that cue's content
            if tok.dep_ != "dobj" or not is_cue_candidate(tok.head) or _voices_noun_cue(tok.head):
                yield noun
        elif is_cue_candidate(tok) and not _voices_noun_cue(tok):
            cue = verb_cue(sent, tok, find_channel=False)
            feats = candidate_features(sent, tok, cue, quoted, model.speech_verbs)
            # A speech verb next to a quotation is a cue whatever the model says.
            speech = "speech" in feats and "quoted" in feats
            p = model.probability(feats)
            if speech or p >= model.threshold:
                yield replace(_with_channel(sent, tok, cue), score=1.0 if speech else p)


def candidate_features(
    sent: SpacySpan,
    verb: Token,
    cue: Cue,
    quoted: Sequence[Range],
    speech_verbs: frozenset[str],
) -> list[str]:
    """The model's features for ``verb`` as a cue (``cue`` is what the parse says of it)."""
    doc = sent.doc
    tokens = table(doc)
    first = cue.content[0][0] if cue.content else -1
    if cue.content:
        span = tokens.chars(first, cue.content[-1][1])
    else:
        span = (sent.start_char, sent.end_char)
    return cue_features(
        verb,
        cue.frame,
        doc[cue.source_head] if cue.source_head is not None else None,
        sum(b - a for a, b in cue.content),
        starts_with_that=bool(cue.content) and tokens.lower[first] in _COMPLEMENTIZERS,
        quoted=any(a < span[1] and span[0] < b for a, b in quoted),
        colon=cue.colon is not None,
        speech_verbs=speech_verbs,
        opener=_opener(tokens, first) if cue.content else "",
        inside_quote=any(a <= verb.idx < b for a, b in quoted),
        question=_sentence_text(sent).rstrip(" \n\"”'’").endswith("?"),
    )


def _sentence_text(sent: SpacySpan) -> str:
    """``sent.text``, sliced from the Doc's text (``Span.text`` makes a Token per word)."""
    return doc_text(sent.doc)[sent.start_char : sent.end_char]


def _opener(tokens: TokenTable, first: int) -> str:
    """How a content opens: its complementizer, "to", a quote mark, else the part of speech."""
    word = tokens.lower[first]
    if word in _COMPLEMENTIZERS or word == "to":
        return word
    return "quote" if tokens.is_quote[first] else tokens.pos[first]


def is_cue_candidate(tok: Token) -> bool:
    """A verb that may introduce a statement, whatever its lemma."""
    return tok.pos_ in ("VERB", "AUX") and _is_cue(tok) and not _hosts_saying(tok)


def _is_cue(verb: Token) -> bool:
    # an auxiliary ("has" in "has argued") is part of its verb's cue, never one of its own
    return verb.dep_ not in ("amod", "compound", "nmod", "pobj", "dobj", "nsubj", "aux", "auxpass")


def _hosts_saying(verb: Token) -> bool:
    """True for "quoted" in "was quoted as saying": the cue is "saying", with this verb."""
    return verb.lemma_.lower() in _PASSIVE_REPORT and any(
        c.lower_ == "as" and any(g.dep_ == "pcomp" for g in c.children) for c in verb.children
    )


def verb_cue(sent: SpacySpan, verb: Token, *, find_channel: bool = True) -> Cue:
    """What the parse says of ``verb`` as a cue. ``find_channel=False`` skips the search for
    the channel in the clause (the costly part) unless a passive "by" names it."""
    cue_start, cue_end = verb.i, verb.i + 1
    channel: tuple[int, int] | None = None
    subject_host = verb
    # "X was quoted as saying by Y": speaker X, channel Y, cue "was quoted as saying".
    if verb.head.lower_ == "as" and verb.head.head.lemma_.lower() in _PASSIVE_REPORT:
        host = verb.head.head
        subject_host = host
        cue_start = min([host.i] + [c.i for c in host.lefts if c.dep_ in ("auxpass", "aux")])
        channel = _agent(host) or _agent(verb)
    subject = _subject(subject_host)
    frame, content = statement_frame(sent, verb)
    if subject_host is not verb and frame != "clause":
        # "was quoted as saying (by the CBC)": the words are a clause or a quotation nearby
        frame, content = statement_frame(sent, subject_host)
        if frame != "clause":
            frame, content = "none", ()
    colon = _colon_after(sent, verb)
    if channel is None and find_channel:
        channel = _channel(sent, verb, subject, content)
    if subject_host is verb and _unnamed_speaker(verb, subject):
        # "Trump is expected to win", "the plan was criticized": the subject is not who speaks;
        # a passive's agent is ("was criticized by the mayor"), else nobody is named
        subject = _agent_token(verb)
    source = mention(subject) if subject is not None else None
    if source is not None and any(a < source[1] and source[0] < b for a, b in content):
        # the speaker is no part of the words: "..., the maritime administration said."
        content = _runs(
            sent, [i for a, b in content for i in range(a, b) if not source[0] <= i < source[1]]
        )
    head = subject
    if subject is not None and subject.tag_ in ("WP", "WDT") and subject.head.dep_ == "relcl":
        head = subject.head.head  # "Smith, who said ...": the speaker is Smith
    return Cue(
        cue=(cue_start, cue_end),
        source=source,
        source_head=head.i if head is not None else None,
        content=content,
        channel=channel,
        colon=colon,
        frame=frame,
        reported=subject_host is not verb,
    )


def _with_channel(sent: SpacySpan, verb: Token, cue: Cue) -> Cue:
    """``cue`` (from ``verb_cue(..., find_channel=False)``) with the channel of its clause."""
    if cue.channel is not None:
        return cue
    host = verb.head.head if cue.reported else verb
    return replace(cue, channel=_channel(sent, verb, _subject(host), cue.content))


def noun_cue(noun: Token) -> Cue | None:
    """"her claim that ...", "a promise to ...": a reporting noun and the clause it takes. The
    speaker is the possessor, else the subject of the verb voicing the noun ("X expressed hope
    that ..."), else unnamed."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in NOUN_CUES:
        return None
    clause = next(
        (c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i and _opens(c)),
        None,
    )
    if clause is None:
        return None
    speaker = next((c for c in noun.children if c.dep_ == "poss"), None)
    if speaker is None:
        # "a statement from the ministry that ...", "the claim by Smith that ..."
        speaker = next(
            (g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
             for g in c.children if g.dep_ == "pobj"),
            None,
        )
    if speaker is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in _VOICING:
        speaker = _subject(noun.head)
    return Cue(
        cue=(noun.i, noun.i + 1),
        source=mention(speaker) if speaker is not None else None,
        source_head=speaker.i if speaker is not None else None,
        content=_runs(noun.sent, sorted(t.i for t in clause.subtree)),
        channel=None,
        colon=None,
        frame="noun",
    )


def _voices_noun_cue(verb: Token) -> bool:
    """True for "made" in "made the claim that ...": the noun is the cue."""
    return verb.lemma_.lower() in _VOICING and any(
        c.dep_ == "dobj" and noun_cue(c) is not None for c in verb.children
    )


def _opens(clause: Token) -> bool:
    """True for a clause opened by "that" or a "to" infinitive."""
    return any(
        (c.dep_ == "mark" and c.lower_ == "that") or (c.dep_ == "aux" and c.lower_ == "to")
        for c in clause.lefts
    )


#: What an act can be done "according to" without anyone saying anything ("acted according to
#: the charter"): rules, plans and customs, not sources.
NORM_NOUNS = frozenset(
    {
        "agreement", "charter", "constitution", "custom", "doctrine", "guideline", "law", "norm",
        "plan", "policy", "principle", "procedure", "protocol", "provision", "regulation",
        "rule", "schedule", "standard", "timetable", "tradition", "treaty",
    }
)


def _in_accordance(sent: SpacySpan, according: Token) -> bool:
    """Whether "according to" means "in accordance with" here: inside its clause (after a word
    that is no punctuation or conjunction) before a rule or a plan ("are doing so according to
    the CSTO principle that ..."). None of the 429 uses on PolNeAR's train split is one: 413
    open their sentence or follow punctuation, and the other 16 ("But according to", "died
    according to police") name a source, a poll or a report, never a rule or a plan."""
    if according.i == sent.start:
        return False
    before = according.nbor(-1)
    if before.is_punct or before.pos_ in ("CCONJ", "SCONJ"):
        return False
    pobj = next((c for c in according.nbor().children if c.dep_ == "pobj"), None)
    return pobj is not None and pobj.lemma_.lower() in NORM_NOUNS


def _according_to(sent: SpacySpan, according: Token) -> Cue:
    to = according.nbor()
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in according.children if c.dep_ == "pobj"), None)
    phrase = {t.i for t in according.subtree} | {according.i, to.i}
    if pobj is not None:
        phrase |= {t.i for t in pobj.subtree}
    rest = [t.i for t in sent if t.i not in phrase]
    content = _runs(sent, rest)
    speaker, channel = pobj, None
    if pobj is not None and pobj.pos_ == "NOUN" and pobj.lemma_.lower() in CHANNEL_NOUNS:
        channel, speaker = mention(pobj), _issuer(pobj)  # "a statement from his office"
    return Cue(
        cue=(according.i, to.i + 1),
        source=mention(speaker) if speaker is not None else None,
        source_head=speaker.i if speaker is not None else None,
        content=content,
        channel=channel,
        colon=None,
    )


def _issuer(channel: Token) -> Token | None:
    """Who put out a statement, a report or an interview: "from his office", "by the
    ministry", "of the president"."""
    for prep in channel.children:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of"):
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


#: Adverbs that mark their clause as something reported, with no speaker named.
REPORTED_ADVERBS = frozenset({"reportedly"})
#: Nouns that, after "in", name a poll that found what the clause says ("in a CNN poll, ...").
POLL_NOUNS = frozenset({"poll", "survey"})
_MODIFIER_WORDS = REPORTED_ADVERBS | {"according", "in"}


def modifier_cue(sent: SpacySpan, tok: Token) -> Cue | None:
    """A cue that modifies the clause it reports: "X reportedly met Y" (no speaker named; the
    statement is the clause from its subject on, without the adverb), "In a CNN poll, 50
    percent chose X" (the poll is the source; the statement is the clause after it)."""
    word = tok.lower_  # most tokens are neither: out before anything else is looked at
    if word in REPORTED_ADVERBS:
        if tok.pos_ != "ADV" or tok.dep_ != "advmod":
            return None
        source = None
    elif word == "in" and tok.dep_ == "prep":
        source = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if source is None or source.lemma_.lower() not in POLL_NOUNS:
            return None
    else:
        return None
    clause = tok.head
    if clause.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in clause.children if c.dep_ in _SUBJECTS), None)
    if source is None:
        first = subject.left_edge.i if subject is not None and subject.i < tok.i else tok.i + 1
        words = [t.i for t in clause.subtree if t.i >= first and t.i != tok.i]
    elif subject is None or tok.i > subject.i:
        return None
    else:
        words = [t.i for t in clause.subtree if t.i > tok.right_edge.i]
    caps = [t.text[0].isupper() for t in sent if t.is_alpha and len(t) > 3]
    content = _runs(sent, words)
    if not content or (caps and sum(caps) >= 0.8 * len(caps)):
        return None  # nothing left, or a headline in title case
    return Cue(
        cue=(tok.i, tok.i + 1),
        source=mention(source) if source is not None else None,
        source_head=source.i if source is not None else None,
        content=content,
        channel=None,
        colon=None,
        frame="modifier",
    )


def _subject(verb: Token) -> Token | None:
    """The subject of ``verb``, borrowed from the clause it hangs from when it has none
    ("..., adding:", "Speaking to Reuters, X warned", "X said ... and added that ...").
    Relative pronouns count only on the cue itself ("Smith, who said ...")."""
    doc = verb.doc
    tokens = table(doc)
    dep, head = tokens.dep, tokens.head
    i = verb.i
    for step in range(8):
        subjs = [c for c in tokens.children(i) if dep[c] in _SUBJECTS]
        subj = min(subjs, key=lambda c: abs(c - i)) if subjs else None
        if subj is not None and (step == 0 or doc[subj].tag_ not in _RELATIVE):
            return doc[subj]
        if dep[i] in _STOP_BORROW or head[i] == i:
            return _inverted_subject(verb) if step == 0 else None
        i = head[i]
    return None


def _inverted_subject(verb: Token) -> Token | None:
    """ "..., the Estonian Maritime Administration said.": the noun phrase between a comma and
    a cue that ends its sentence with no subject, which the parse took for a part of the
    clause before (a conjunct of "Helsinki")."""
    doc = verb.doc
    tokens = table(doc)
    pos, text = tokens.pos, tokens.text
    last = verb.i + 1
    if last < len(doc) and pos[last] == "PUNCT" and text[last] in ".!":
        last += 1
    while last < len(doc) and tokens.is_space[last]:
        last += 1
    if not (last >= len(doc) or tokens.sent_start[last]) or verb.i < 2:
        return None
    noun = verb.i - 1
    if pos[noun] not in ("NOUN", "PROPN"):
        return None
    left = noun
    while left > 0 and pos[left - 1] in ("PROPN", "NOUN", "ADJ", "DET", "PART"):
        left -= 1
    return doc[noun] if left > 0 and text[left - 1] == "," else None


def _unnamed_speaker(verb: Token, subject: Token | None) -> bool:
    """True when ``subject`` is what the cue is about, not who speaks: the own subject of a
    passive cue, or of a verb of seeming."""
    if subject is None or subject.head.i != verb.i:
        return False  # a borrowed subject: "he was cited as saying, adding: ..."
    return subject.dep_ == "nsubjpass" or verb.lemma_.lower() in SEEMING


def _agent_token(verb: Token) -> Token | None:
    """The head of the "by" phrase of a passive verb."""
    for c in verb.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def _agent(verb: Token) -> tuple[int, int] | None:
    agent = _agent_token(verb)
    return channel_mention(agent) if agent is not None else None


def mention(tok: Token) -> tuple[int, int]:
    """The token range of the name or noun phrase headed by ``tok`` ("Ned Price",
    "a spokesman", "he"), without relative clauses, appositions or prepositional phrases."""
    tokens = table(tok.doc)
    dep, text, i = tokens.dep, tokens.text, tok.i
    start = end = i
    stack = [i]
    while stack:
        for c in tokens.children(stack.pop()):
            part = dep[c] in _MENTION_DEPS or (dep[c] == "punct" and text[c] in ".'’")
            if part and abs(c - i) <= 8:
                start, end = min(start, c), max(end, c)
                stack.append(c)
    return start, end + 1


def channel_mention(tok: Token) -> tuple[int, int]:
    """The channel named at ``tok``: an acronym in brackets right after it wins ("the Canadian
    Broadcasting Corporation (CBC)" gives "CBC")."""
    doc = tok.doc
    start, end = mention(tok)
    if (
        end + 2 < len(doc)
        and doc[end].text == "("
        and doc[end + 2].text == ")"
        and doc[end + 1].text.isupper()
    ):
        return end + 1, end + 2
    return start, end


#: Statement frames, in the order they are tried: a clause ("said that ..."), an object and an
#: infinitive ("urged voters to ..."), an object ("criticised the plan"), what a copula's
#: adjective is about ("is critical of the plan", "are optimistic that ..."), a prepositional
#: object ("complained about the plan"), a reporting noun's clause ("the claim that ...").
#: ``none``: a cue with no complement (its quotation is found from the quote marks).
#: ``modifier``: an adverb or "in a poll" cue, whose statement is the clause it modifies
#: (``modifier_cue``).
FRAMES = ("clause", "object-clause", "object", "stance", "prep", "noun", "none", "modifier")


def statement_frame(sent: SpacySpan, verb: Token) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Which frame ``verb`` takes its statement in here, and the statement's token ranges."""
    tokens = table(sent.doc)
    dep, lower, v = tokens.dep, tokens.lower, verb.i
    kids = tokens.children(v)
    subtree = tokens.subtree

    def subtrees(heads: list[int]) -> list[int]:
        return sorted(t for c in heads for t in subtree(c))

    comps = [c for c in kids if dep[c] == "ccomp"]
    if comps:
        inside = subtrees(comps)
        left_edge = verb.left_edge.i
        if all(t < left_edge for t in inside):
            # "It is dead, and the plan too, he said.": all the sentence before the cue clause
            return "clause", _runs(sent, list(range(sent.start, left_edge)))
        return "clause", _runs(sent, inside)
    asked = [c for c in kids if dep[c] == "advcl" and c > v and _asks(tokens, c)]
    if asked:
        # "was asked whether she would run": the question is the statement
        return "clause", _runs(sent, subtree(asked[0]))
    head = tokens.head[v]
    if dep[v] == "parataxis" or (
        dep[v] in ("conj", "advcl") and v > head and _has_comma_before(verb)
    ):
        # "The plan, he said, is dead." / "It is dead, he said."
        if verb.right_edge.i >= last_word(sent):
            return "clause", _runs(sent, list(range(sent.start, verb.left_edge.i)))
        skip = set(subtree(v))
        return "clause", _runs(sent, [t for t in tokens.tree_order(head) if t not in skip])
    para = [c for c in kids if dep[c] == "parataxis" and c < v]
    if dep[v] == "ROOT" and para:
        return "clause", _runs(sent, subtrees(para))
    xcomp = [c for c in kids if dep[c] == "xcomp" and c > v]
    if xcomp:
        objs = [c for c in kids if dep[c] in ("dobj", "dative") and c < xcomp[0]]
        return "object-clause", _runs(sent, subtrees(objs + xcomp))
    objs = [c for c in kids if dep[c] == "dobj" and c > v]
    if objs:
        # "called the charges "fabricated"": the object with its predicate
        # "accused X of lying", "praised X for ...", "cited X as proof": the reason goes too
        preds = [
            c
            for c in kids
            if c > objs[0]
            and (dep[c] in ("oprd", "ccomp") or (dep[c] == "prep" and lower[c] in _REASON_PREPS))
        ]
        return "object", _runs(sent, subtrees(objs[:1] + preds))
    stance = _stance(tokens, v, kids)
    if stance is not None:
        # "was critical of the plan", "is optimistic that he will win": what the adjective's
        # stance is about
        return "stance", _runs(sent, subtree(stance))
    preps = [c for c in kids if dep[c] == "prep" and c > v]
    # "complained about the plan", "insisted on building a wall", "spoke about how ..."
    pobj = next(
        (g for p in preps[:1] for g in tokens.children(p) if dep[g] in ("pobj", "pcomp")), None
    )
    if pobj is not None:
        return "prep", _runs(sent, subtree(pobj))
    if tokens.lemma[v] in SEEMING:
        # "he appears somewhat uneasy": the impression is the statement
        comps = [c for c in kids if dep[c] in ("acomp", "attr", "oprd") and c > v]
        comps += [c for c in kids if dep[c] == "prep" and comps and c > comps[0]]
        return "none", _runs(sent, subtrees(comps))
    return "none", ()


#: Prepositions that carry what a stance adjective is about ("critical of", "upbeat about").
STANCE_PREPS = frozenset({"about", "on", "over", "of", "with", "by", "toward", "towards"})


def _stance(tokens: TokenTable, v: int, kids: Sequence[int]) -> int | None:
    """For a copula with an adjective ("is critical of X", "are optimistic that X"), the head
    of what the adjective's stance is about: its clause or prepositional object (not an
    infinitive: "is likely to", "was quick to" are seldom cues). None for a verb of seeming
    (its impression is its statement)."""
    dep, lower = tokens.dep, tokens.lower
    if tokens.lemma[v] in SEEMING:
        return None
    adj = next((c for c in kids if dep[c] == "acomp" and c > v), None)
    if adj is None:
        return None
    for c in tokens.children(adj):
        if c < adj:
            continue
        if dep[c] == "ccomp":
            return c
        if dep[c] == "prep" and lower[c] in STANCE_PREPS:
            return next((g for g in tokens.children(c) if dep[g] in ("pobj", "pcomp")), None)
    return None


def _asks(tokens: TokenTable, clause: int) -> bool:
    """True for a clause opened by "if" or "whether"."""
    dep, lower = tokens.dep, tokens.lower
    return any(
        dep[c] == "mark" and lower[c] in ("if", "whether")
        for c in tokens.children(clause)
        if c < clause
    )


def last_word(sent: SpacySpan) -> int:
    """Index of the last token of ``sent`` that is not punctuation or space."""
    tokens = table(sent.doc)
    punct, space = tokens.is_punct, tokens.is_space
    words = (i for i in range(sent.end - 1, sent.start - 1, -1) if not (punct[i] or space[i]))
    return next(words, sent.start)


def _has_comma_before(verb: Token) -> bool:
    left = verb.left_edge.i
    return left > 0 and verb.doc[left - 1].text == ","


def _colon_after(sent: SpacySpan, verb: Token) -> int | None:
    """A ':' right after the cue or its object ("told AFP:", "said:", "adding:")."""
    tokens = table(sent.doc)
    text, pos, punct = tokens.text, tokens.pos, tokens.is_punct
    for i in range(verb.i + 1, min(verb.i + 6, sent.end)):
        if text[i] == ":":
            return i
        if tokens.is_quote[i] or pos[i] in ("VERB", "AUX") or (punct[i] and text[i] != ","):
            return None
    return None


def _channel(
    sent: SpacySpan,
    verb: Token,
    subject: Token | None,
    content: tuple[tuple[int, int], ...],
) -> tuple[int, int] | None:
    """The medium or outlet a statement came through, in the cue's clause: the object of
    "told"/"speaking to", "by"/"in"/"on" phrases naming an organisation or a channel noun."""
    inside = {i for a, b in content for i in range(a, b)}
    if subject is not None:
        inside |= {t.i for t in subject.subtree}
    hosts = [verb]
    tok = verb
    while tok.dep_ in _BORROW_SUBJECT and tok.head is not tok:
        tok = tok.head
        hosts.append(tok)
    best: tuple[int, tuple[int, int]] | None = None
    read: Token | None = None  # the host before, whose subtree has been read
    for host in hosts:
        for t in _subtree_but(host, read):
            if t.i in inside or not sent.start <= t.i < sent.end:
                continue
            if _is_channel(t, verb):
                dist = abs(t.i - verb.i)
                if best is None or dist < best[0]:
                    best = (dist, channel_mention(t))
        read = host
    return best[1] if best else None


def _subtree_but(tok: Token, child: Token | None) -> Iterator[Token]:
    """``tok.subtree``, in its order, without the subtree of ``child`` (one of its children)."""
    if child is None:
        yield from tok.subtree
        return
    for c in tok.lefts:
        if c.i != child.i:
            yield from c.subtree
    yield tok
    for c in tok.rights:
        if c.i != child.i:
            yield from c.subtree


def _is_channel(t: Token, verb: Token) -> bool:
    if t.pos_ not in ("PROPN", "NOUN"):
        return False
    # (a one-letter name keeps the full stop at the end of a text: "wrote on X.")
    noun = t.lemma_.lower().rstrip(".") in CHANNEL_NOUNS and t.pos_ == "NOUN"
    org = _ent_head(t) and (
        t.ent_type_ in _CHANNEL_ENTS or (t.pos_ == "PROPN" and t.ent_type_ not in _NOT_CHANNEL)
    )
    if t.dep_ in ("dobj", "dative") and t.head.lemma_.lower() in TELL_VERBS:
        return org
    if t.dep_ == "pobj" and t.head.lower_ in _CHANNEL_PREPS:
        return org or noun
    return False


def _ent_head(t: Token) -> bool:
    """True for the syntactic head of its entity (so a multi-word name is found once)."""
    return t.head.ent_iob_ == "O" or t.head.i < t.i - 6 or t.head.i > t.i + 6 or t.head is t


def _runs(sent: SpacySpan, idx: list[int]) -> tuple[tuple[int, int], ...]:
    """Contiguous token ranges from sorted indices, trimmed of punctuation at their edges and
    of a trailing aside (the writer's, not the speaker's words)."""
    idx = _without_aside(sent, idx)
    runs: list[tuple[int, int]] = []
    for i in idx:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    doc = sent.doc
    out = []
    for a, b in (trim_edges(doc, a, b) for a, b in runs):
        if b - a >= 2 or (b - a == 1 and not doc[a].is_stop):
            out.append((a, b))
    return tuple(out)


def _without_aside(sent: SpacySpan, idx: list[int]) -> list[int]:
    """``idx`` without the non-restrictive relative clause or apposition that ends it ("...,
    which ...", "..., a former senator")."""
    if not idx:
        return idx
    doc = sent.doc
    tokens = table(doc)
    punct, space, dep = tokens.is_punct, tokens.is_space, tokens.dep
    words = [i for i in idx if not (punct[i] or space[i])]
    if not words:
        return idx
    last, first = words[-1], idx[0]
    keep = set(idx)
    for i in idx:
        if dep[i] not in _ASIDES:
            continue
        t = doc[i]
        left = t.left_edge.i
        if (
            left - 1 > first
            and doc[left - 1].text in ",—–"
            and t.right_edge.i >= last
            and t.head.i in keep
            and t.head.i < left
        ):
            return [j for j in idx if j < left - 1]
    return idx


def trim_edges(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Tokens ``start:end`` without the punctuation or space at their edges (``edge_punct``)."""
    tokens = table(doc)
    while start < end and edge_punct(tokens, start):
        start += 1
    while end > start and edge_punct(tokens, end - 1):
        end -= 1
    return start, end


def edge_punct(tokens: TokenTable, i: int) -> bool:
    """Token ``i`` is a space, or punctuation other than a quote mark or closing bracket."""
    return (
        tokens.is_punct[i] and not tokens.is_quote[i] and tokens.text[i] not in ")]"
    ) or tokens.is_space[i]
