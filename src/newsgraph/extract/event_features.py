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

from spacy.tokens import Span, Token

from newsgraph.extract.cameo import CameoLexicon

__all__ = ["Candidate", "candidates", "features", "pair_trigger"]

NO_EVENT = "NONE"
_SUBJECT = frozenset({"nsubj", "csubj", "agent"})
_PASSIVE = frozenset({"nsubjpass", "csubjpass"})
_CONTENT = frozenset({"NOUN", "VERB", "ADJ", "PROPN", "ADV", "ADP", "NUM", "AUX"})
_MAX_PATH = 8


@dataclass(frozen=True, slots=True)
class Candidate:
    trigger: Token
    source: Span | None
    target: Span | None


def _inside(tok: Token, span: Span | None) -> bool:
    return span is not None and span.start <= tok.i < span.end


def _up(tok: Token, stop: Token) -> list[Token]:
    """Tokens from ``tok`` up to (not including) its ancestor ``stop``."""
    path = []
    while tok.i != stop.i and tok.head.i != tok.i:
        path.append(tok)
        tok = tok.head
    return path


def _lca(a: Token, b: Token) -> Token:
    seen = {a.i, *(t.i for t in a.ancestors)}
    for tok in (b, *b.ancestors):
        if tok.i in seen:
            return tok
    return a.sent.root


def pair_trigger(source: Span | None, target: Span | None) -> Token | None:
    """The token an event between ``source`` and ``target`` is told through.

    Their lowest common ancestor, moved up out of the mentions themselves ("Russian troops").
    With one mention only, its nearest verbal ancestor.
    """
    spans = [s for s in (source, target) if s is not None]
    if not spans:
        return None
    tok = _lca(spans[0].root, spans[-1].root) if len(spans) == 2 else spans[0].root.head
    while any(_inside(tok, s) for s in spans) and tok.head.i != tok.i:
        tok = tok.head
    if len(spans) == 1:
        while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
            tok = tok.head
    return tok


def _role(mention: Span, trigger: Token) -> str:
    path = _up(mention.root, trigger)
    if not path:
        return "self"
    last = path[-1]
    if last.dep_ == "agent" or (last.dep_ == "prep" and last.lower_ == "by"):
        return "agent"
    return last.dep_


def candidates(sent: Span, mentions: list[tuple[Span, str]]) -> Iterator[Candidate]:
    """Candidates from the actor mentions of one sentence (token span, actor id).

    Every pair of mentions of different actors, oriented so that the grammatical subject (or
    passive agent) is the source; and every mention that is the subject of a verb on its own.
    """
    for (a, aid), (b, bid) in combinations(mentions, 2):
        if aid == bid or a.start < b.end and b.start < a.end:
            continue
        trigger = pair_trigger(a, b)
        if trigger is None or len(_up(a.root, trigger)) + len(_up(b.root, trigger)) > _MAX_PATH:
            continue
        ra, rb = _role(a, trigger), _role(b, trigger)
        if rb in _SUBJECT or ra in _PASSIVE:
            a, b = b, a
        yield Candidate(trigger, a, b)
    for m, _ in mentions:
        if m.root.dep_ in _SUBJECT or m.root.dep_ in _PASSIVE:
            trigger = pair_trigger(m, None)
            if trigger is not None:
                passive = m.root.dep_ in _PASSIVE
                yield Candidate(trigger, None if passive else m, m if passive else None)


def features(c: Candidate, lexicon: CameoLexicon) -> list[str]:
    """Binary features of one candidate: trigger, its arguments, the dependency path between
    the mentions, the words of the sentence, and the CAMEO codes of the verbs involved."""
    trig = c.trigger
    sent = trig.sent
    f = [f"trig={_lemma(trig)}", f"trig_pos={trig.pos_}"]
    if trig.dep_ in ("xcomp", "ccomp", "advcl", "conj", "relcl", "acl", "pcomp"):
        f.append(f"gov={_lemma(trig.head)}")
        f.append(f"gov_dep={trig.dep_}")
    verbs = [trig]
    for child in trig.children:
        dep = child.dep_
        if dep == "neg":
            f.append("neg")
        elif dep in ("aux", "auxpass"):
            f.append(f"aux={_lemma(child)}")
        elif dep in ("xcomp", "ccomp"):
            f.append(f"{dep}={_lemma(child)}")
            verbs.append(child)
        elif dep in ("dobj", "attr", "oprd", "prep", "dative", "prt", "advmod", "acomp"):
            f.append(f"{dep}={_lemma(child)}")
    for name, span in (("s", c.source), ("t", c.target)):
        if span is None:
            f.append(f"{name}_none")
            continue
        path = _up(span.root, trig)
        f.append(f"{name}_dep={path[-1].dep_ if path else 'self'}")
        for tok in path:
            if not _inside(tok, span):
                f.append(f"{name}_path={_lemma(tok)}")
                if tok.pos_ == "VERB":
                    verbs.append(tok)
        f.append(f"{name}_ent={span.root.ent_type_ or span.root.pos_}")
        f.extend(f"{name}_w={_lemma(t)}" for t in span if t.pos_ in ("NOUN", "PROPN", "ADJ"))
    words = [t for t in sent if not _inside(t, c.source) and not _inside(t, c.target)]
    lemmas = [_lemma(t) for t in words if t.pos_ in _CONTENT and not t.is_punct]
    f.extend(f"w={w}" for w in lemmas)
    f.extend(f"b={a}_{b}" for a, b in zip(lemmas, lemmas[1:], strict=False))
    f.extend(_cameo(verbs, trig, lexicon))
    f.extend(f"cameo_any={t}" for t in _sentence_cameo(sent, lexicon))
    return f


def _cameo(verbs: list[Token], trig: Token, lexicon: CameoLexicon) -> Iterator[str]:
    for i, verb in enumerate(verbs):
        context = {w for t in verb.subtree for w in (t.lower_, _lemma(t))}
        code = lexicon.code(_lemma(verb), context)
        plover = lexicon.plover(code)
        if plover is not None:
            yield f"cameo={plover[0]}"
            if i == 0:
                yield f"cameo_trig={plover[0]}"
                yield f"cameo_code={code[:2] if code else ''}"


def _sentence_cameo(sent: Span, lexicon: CameoLexicon) -> set[str]:
    found = set()
    for tok in sent:
        if tok.pos_ == "VERB":
            plover = lexicon.plover(lexicon.code(_lemma(tok), frozenset()))
            if plover is not None:
                found.add(plover[0])
    return found


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()
