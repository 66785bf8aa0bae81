"""Which stretch of text is a verb cue's statement, if any? Candidate spans from the parse,
weighed against each other and against "no statement" by a conditional-logit model.

``candidates`` lists the stretches a cue's statement may be: the dependency rules' choice
(``cues.statement_frame``, stretched to whole quotations), the verb's right side with or without
its trailing clauses, what an object was praised or blamed for, the sentence before the cue, the
words after a colon, the quotation next to the cue or just before a short cue sentence, the
subject of a passive cue, runs stretched over the next sentences of the paragraph, and, for a
passive cue or a verb of seeming, the subject the statement is about as a fragment of its own
before the candidates after the cue ("X || is expected || to win").
``choose`` scores each one (``span_features``) and the "no statement" option
(``none_features``: the cue verb, its frame and the cue model's probability) and keeps the best
candidate, or none when it is not likely enough (the cue is then dropped).

Trained on the PolNeAR train split by ``scripts/train_quotes.py``; shipped as feature weights
(``resources/quote_content_model.json``) and scored with a dot product.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsgraph.extract.cues import SEEMING, last_word, trim_edges
from newsgraph.extract.quote_marks import Quoted
from newsgraph.extract.token_table import TokenTable, table
from newsgraph.resources import path as resource_path

Range = tuple[int, int]
Content = tuple[Range, ...]
#: Least probability for the best candidate to be kept as the statement (chosen on held-out
#: train articles).
THRESHOLD = 0.3
_COMPLEMENTIZERS = frozenset({"that", "whether", "if", "how", "why", "what", "who", "when"})
#: Words after a candidate that tell how the sentence goes on.
_LINKS = frozenset({"and", "but", "or", "as", "because", "which", "who", "on", "in", "at",
                    "after", "before", "when", "while", "for", "to", "that", "if"})
_TRAILING = frozenset({"conj", "advcl", "relcl", "appos", "npadvmod", "prep", "cc"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible statement: its character ranges and how it was made."""

    kind: str
    content: Content


@dataclass(frozen=True, slots=True)
class Site:
    """A verb cue in its article: what the candidates and their features are computed from.
    ``cue``: its characters; ``rule``: the statement the rules chose; ``frame``, ``score``: its
    statement frame and the cue model's probability; ``others``: the characters of the other
    cues of its sentence."""

    doc: Doc
    text: str
    verb: Token
    cue: Range
    rule: Content
    frame: str
    score: float
    quoted: Sequence[Quoted]
    others: tuple[Range, ...] = ()


@dataclass(frozen=True, slots=True)
class ContentModel:
    """Conditional-logit weights: they score a cue's candidates (``span_features``) and its
    "no statement" option (``none_features``) against each other; the best candidate is kept
    when its share of the probability reaches ``threshold``."""

    weights: dict[str, float]
    threshold: float = THRESHOLD

    def score(self, features: Iterable[str]) -> float:
        return sum(map(self.weights.get, features, repeat(0.0)))


@lru_cache(maxsize=1)
def content_model() -> ContentModel | None:
    """The shipped model, or None before one is trained (the rules' choice is kept then)."""
    path = resource_path("quote_content_model.json")
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return ContentModel(
        weights={k: float(v) for k, v in data["weights"].items()},
        threshold=float(data.get("threshold", THRESHOLD)),
    )


def snap(r: Range, quoted: Sequence[Quoted]) -> Range:
    """Stretch a content range to the whole of every quotation it overlaps."""
    start, end = r
    for q in quoted:
        if q.start < end and start < q.end:
            start, end = min(start, q.start), max(end, q.end)
    return start, end


def chars(doc: Doc, start: int, end: int) -> Range:
    """Character range of the tokens ``start:end``."""
    return table(doc).chars(start, end)


def candidates(site: Site, sent: SpacySpan, rule_kind: str, near: Content) -> list[Candidate]:
    """The candidate statements of ``site``'s cue in ``sent``: the rules' choice (``rule_kind``:
    from the parse, a colon's or a nearby quotation), ``near`` (the quotation next to the cue)
    and spans read off the parse."""
    doc, text, verb, cue, rule, quoted = (
        site.doc, site.text, site.verb, site.cue, site.rule, site.quoted
    )
    out: dict[Content, str] = {}

    def add(kind: str, content: Iterable[Range]) -> None:
        rngs = tuple(sorted({snap(r, quoted) for r in content if r[0] < r[1]}))
        rngs = tuple(r for r in rngs if not (r[0] < cue[1] and cue[0] < r[1]))
        if rngs and rngs not in out:
            out[rngs] = kind

    add(f"rule:{rule_kind}", rule)
    add("near", near)
    last = last_word(sent)
    right = [c for c in verb.children if c.i > verb.i and c.dep_ != "punct"]
    if right:
        add("right", [_trimmed(doc, right[0].left_edge.i, verb.right_edge.i + 1)])
        comps = [c for c in right if c.dep_ not in ("dobj", "dative", "prt", "agent")
                 and not (c.dep_ == "prep" and c.lower_ in ("to", "with", "by"))]
        if comps and comps[0] is not right[0]:
            add("right_comp", [_trimmed(doc, comps[0].left_edge.i, verb.right_edge.i + 1)])
            add("comp_to_end", [_trimmed(doc, comps[0].left_edge.i, last + 1)])
        add("right_to_end", [_trimmed(doc, right[0].left_edge.i, last + 1)])
        main = next((c for c in right if c.dep_ in ("ccomp", "xcomp")), None)
        if main is not None:
            kids = [c for c in main.children if c.i > main.i and c.dep_ in _TRAILING]
            cut = next((c for c in kids if doc[c.left_edge.i - 1].text in ",;—–"), None)
            if cut is not None:
                add("comp_cut", [_trimmed(doc, main.left_edge.i, cut.left_edge.i)])
            if kids and kids[0] is not cut:
                add("comp_cut_any", [_trimmed(doc, main.left_edge.i, kids[0].left_edge.i)])
        reason = [g for c in right if c.dep_ == "prep" and c.lower_ in ("for", "of", "as")
                  for g in c.children if g.dep_ in ("pobj", "pcomp")]
        if reason and any(c.dep_ == "dobj" for c in right):
            add("reason", [_trimmed(doc, reason[0].left_edge.i, reason[0].right_edge.i + 1)])
    if verb.left_edge.i > sent.start:
        add("before", [_trimmed(doc, sent.start, verb.left_edge.i)])
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if passive and not any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        # "The plan was criticized by the mayor": what was criticized
        add("subject", [_trimmed(doc, passive[0].left_edge.i, passive[0].right_edge.i + 1)])
    if not text[sent.start_char : cue[0]].strip(" \"“”'’") or verb.i - sent.start <= 3:
        # "he wrote." after a quotation of its own: the quotation just before the sentence
        prev = [q for q in quoted if q.end <= sent.start_char
                and not text[q.end : sent.start_char].strip(" \n,.;:—–-")]
        if prev:
            add("prev_quote", [(prev[-1].start, prev[-1].end)])
    colon = next((t for t in doc[verb.i + 1 : min(verb.i + 8, sent.end)] if t.text == ":"), None)
    if colon is not None and colon.i < last:
        add("colon_rest", [_trimmed(doc, colon.i + 1, last + 1)])
    if rule:
        add("rule_hull", [(rule[0][0], rule[-1][1])])
        if rule[-1][1] > doc[last].idx:  # the rule reaches the end of the sentence
            for n, more in enumerate(_following(doc, text, sent, 2), 1):
                add(f"rule_plus{n}", [(rule[0][0], more)])
    if (colon is not None or verb.right_edge.i >= last) and sent.end < len(doc):
        nxt = _following(doc, text, sent, 3)
        start = doc[sent.end].idx
        for n, more in enumerate(nxt, 1):
            add(f"next{n}", [(start, more)])
        if colon is not None and colon.i < last:
            for n, more in enumerate(nxt, 1):
                add(f"colon_plus{n}", [(doc[colon.i + 1].idx, more)])
    host = _as_host(verb)
    if host is not None:
        # "As the Post reported, the plan is dead" / "..., as critics note": the clause that
        # the cue's "as" clause modifies, without it (with or without the words before it)
        lo, hi = verb.left_edge.i, verb.right_edge.i + 1
        left = _trimmed(doc, host.left_edge.i, lo)
        rest = _trimmed(doc, hi, min(host.right_edge.i, last) + 1)
        add("host", [left, rest])
        add("host_rest", [rest if rest[0] < rest[1] else left])
    subject = _topic(verb)
    if subject is not None:
        # "X is expected to win", "X appears uneasy", "the contests known as Super Tuesday":
        # PolNeAR takes what the statement is about as a fragment of its own (a noun that a
        # participle describes ends before the participle's phrase)
        end = subject.right_edge.i if subject.head.i == verb.i else verb.left_edge.i - 1
        about = _trimmed(doc, subject.left_edge.i, min(end, verb.i - 1) + 1)
        if about[0] < about[1] and about[1] <= cue[0]:
            for content, kind in list(out.items()):
                if content[0][0] >= cue[1] and kind.split(":")[0] in _ABOUT_KINDS:
                    add(f"about+{kind}", (about, *content))
    return [Candidate(kind, content) for content, kind in out.items()]


#: Candidate kinds that get a variant with the subject a statement is about in front.
_ABOUT_KINDS = frozenset({"rule", "near", "right", "right_comp", "comp_cut", "comp_cut_any"})


def _as_host(verb: Token) -> Token | None:
    """The verb whose clause ``verb``'s "as" clause modifies ("as X reported, ..."), if any."""
    if verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "as" and c.i < verb.i for c in verb.children
    ):
        return verb.head
    return None


def _topic(verb: Token) -> Token | None:
    """What the statement of ``verb`` is about when it is not the speaker: the subject of a
    passive cue or of a verb of seeming, or the noun a participle cue describes ("the contests
    known as ...")."""
    for c in verb.children:
        if c.i < verb.i and (
            c.dep_ == "nsubjpass" or (c.dep_ == "nsubj" and verb.lemma_.lower() in SEEMING)
        ):
            return c
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.i < verb.i:
        return verb.head
    return None


def _following(doc: Doc, text: str, sent: SpacySpan, n: int) -> list[int]:
    """End characters of the next ``n`` sentences in ``sent``'s paragraph (fewer at its end)."""
    tokens = table(doc)
    idx, sent_start, punct, space = tokens.idx, tokens.sent_start, tokens.is_punct, tokens.is_space
    ends: list[int] = []
    end = sent.end
    while len(ends) < n and end < len(doc):
        if "\n" in text[idx[end - 1] : idx[end]]:
            break
        start, end = end, end + 1
        while end < len(doc) and not sent_start[end]:
            end += 1
        last = next((i for i in range(end - 1, start - 1, -1) if not (punct[i] or space[i])),
                    start)
        ends.append(tokens.chars(start, last + 1)[1])
    return ends


def _trimmed(doc: Doc, start: int, end: int) -> Range:
    """Characters of tokens ``start:end`` without punctuation (other than quote marks and
    closing brackets) or space at the edges; an empty range when nothing is left."""
    start, end = trim_edges(doc, start, end)
    if start >= end:
        return (0, 0)
    return chars(doc, start, end)


def span_features(site: Site, cand: Candidate) -> list[str]:
    """The model's features of one candidate statement of ``site``'s cue."""
    doc, text, verb, cue, rule, quoted, frame = (
        site.doc, site.text, site.verb, site.cue, site.rule, site.quoted, site.frame
    )
    cue_score = site.score
    kind = cand.kind.split(":")[0]
    first_c, last_c = cand.content[0][0], cand.content[-1][1]
    size = sum(b - a for a, b in cand.content)
    qchars = sum(
        min(b, q.end) - max(a, q.start)
        for a, b in cand.content
        for q in quoted
        if q.start < b and a < q.end
    )
    qshare = round(4 * qchars / size) if size else 0
    span = doc.char_span(first_c, last_c, alignment_mode="expand")
    ntok = len(span) if span is not None else 0
    nsent, cues = _sentences_and_cues(span, verb.i) if span is not None else (1, 0)
    where = "after" if first_c >= cue[1] else "before" if last_c <= cue[0] else "around"
    gap = first_c - cue[1] if where == "after" else cue[0] - last_c if where == "before" else 0
    gap_words = len(text[min(cue[1], first_c): max(cue[1], first_c)].split()) if gap else 0
    lemma = verb.lemma_.lower()
    feats = [
        f"kind={cand.kind}",
        f"kind|frame={cand.kind}|{frame}",
        f"kind|lemma={kind}|{lemma}",
        f"kind|dep={kind}|{verb.dep_}",
        f"where={where}",
        f"where|frame={where}|{frame}",
        f"gap={min(gap_words, 6)}",
        f"kind|gap={kind}|{min(gap_words, 6)}",
        f"size={ntok.bit_length()}",
        f"kind|size={kind}|{ntok.bit_length()}",
        f"sents={min(nsent, 4)}",
        f"kind|sents={kind}|{min(nsent, 4)}",
        f"quoted={qshare}",
        f"kind|quoted={kind}|{qshare}",
        f"runs={min(len(cand.content), 3)}",
        f"para={int(chr(10) in text[first_c:last_c])}",
        f"cue={int(cue_score * 10)}",
        f"kind|cue={kind}|{int(cue_score * 10)}",
    ]
    lo, hi = min(first_c, cue[0]), max(last_c, cue[1])
    inside = any(first_c <= a and b <= last_c for a, b in site.others)
    between = any(lo <= a and b <= hi and not (first_c <= a and b <= last_c)
                  for a, b in site.others)
    if inside:
        feats += ["other_inside", f"kind|other_inside={kind}"]
    if between:
        feats += ["other_between", f"kind|other_between={kind}"]
    if cand.content == rule:
        feats += ["is_rule", f"is_rule|frame={frame}"]
    elif rule and _overlap(cand.content, rule):
        feats.append(f"overlaps_rule|kind={kind}")
    if span is not None and ntok:
        tokens = table(doc)
        a, b = span.start, span.end
        lower, pos, words, punct, quote = (
            tokens.lower, tokens.pos, tokens.text, tokens.is_punct, tokens.is_quote
        )
        first, last = a, b - 1
        opener = lower[first] if lower[first] in _COMPLEMENTIZERS else (
            "quote" if quote[first] else pos[first])
        closer = "quote" if quote[last] else pos[last] if not punct[last] else words[last]
        root_dep = span.root.dep_
        feats += [f"first={opener}", f"kind|first={kind}|{opener}", f"last={closer}",
                  f"kind|last={kind}|{closer}", f"first_dep={tokens.dep[first]}",
                  f"lemma|first={lemma}|{opener}", f"lemma|where={lemma}|{where}",
                  f"root_dep={root_dep}", f"kind|root_dep={kind}|{root_dep}",
                  f"last_ent={doc[last].ent_type_ or 'O'}"]
        after = b if b < len(doc) else None
        nxt = words[after] if after is not None and punct[after] else (
            "eol" if after is None or "\n" in words[after] else "word")
        feats += [f"next={nxt}", f"kind|next={kind}|{nxt}"]
        if after is not None and not punct[after]:
            word = lower[after] if lower[after] in _LINKS else pos[after]
            feats += [f"next_word={word}", f"kind|next_word={kind}|{word}"]
        # how many subtrees the candidate is made of (1: a whole phrase or clause)
        out = sum(1 for h in tokens.head[a:b] if not a <= h < b)
        if ":" in tokens.text[a + 1 : b - 1]:
            feats += ["colon_inside", f"kind|colon_inside={kind}"]
        feats += [f"heads_out={min(out, 3)}", f"kind|heads_out={kind}|{min(out, 3)}"]
        if cues:
            feats += ["inner_cue", f"kind|inner_cue={kind}"]
    return feats


_SPEECH = frozenset({"say", "tell", "add", "state", "note", "argue", "claim", "explain"})


def _sentences_and_cues(span: SpacySpan, verb: int) -> tuple[int, int]:
    """How many sentences ``span`` touches, and how many speech verbs (other than ``verb``)
    head a clause of their own in it ("..., he said, ...")."""
    tokens = table(span.doc)
    a, b = span.start, span.end
    sents = 1 + sum(tokens.sent_start[a + 1 : b])
    speech = tokens.derived(_speech_verbs)
    lo, hi = bisect_left(speech, a), bisect_left(speech, b)
    return sents, hi - lo - (verb in speech[lo:hi])


def _speech_verbs(tokens: TokenTable) -> list[int]:
    """The speech verbs that head a clause of their own, in text order."""
    pos, dep = tokens.pos, tokens.dep
    return [
        i
        for i, w in enumerate(tokens.lemma)
        if w in _SPEECH and pos[i] == "VERB" and dep[i] != "ccomp"
    ]


def _overlap(a: Content, b: Content) -> bool:
    return any(x[0] < y[1] and y[0] < x[1] for x in a for y in b)


def none_features(site: Site) -> list[str]:
    """The features of the option that ``site``'s verb states nothing here (a softmax model
    weighs it against the candidates, so a weak cue verb needs a clear candidate)."""
    lemma = site.verb.lemma_.lower()
    cue = int(site.score * 10)
    return ["none", f"none|cue={cue}", f"none|lemma={lemma}", f"none|frame={site.frame}",
            f"none|lemma|frame={lemma}|{site.frame}", f"none|dep={site.verb.dep_}"]


def choose(site: Site, cands: list[Candidate], model: ContentModel) -> Content:
    """The most likely candidate statement; empty when "no statement" is likelier or the
    best candidate's probability is under the model's threshold."""
    if not cands:
        return ()
    scores = [model.score(span_features(site, c)) for c in cands]
    none = model.score(none_features(site))
    top = max(*scores, none)
    total = sum(math.exp(s - top) for s in scores) + math.exp(none - top)
    k = max(range(len(scores)), key=scores.__getitem__)
    return cands[k].content if math.exp(scores[k] - top) / total >= model.threshold else ()
