"""Is this verb an attribution cue here? A logistic model over parse features.

Trained on the PolNeAR train split by ``scripts/train_quotes.py``, shipped as feature weights
(``resources/quote_cue_model.json``) and scored with a dot product: no learning library is
needed at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

from spacy.tokens import Token

from newsgraph.extract.token_table import table
from newsgraph.resources import path as resource_path

#: Least probability for a candidate to be kept as a cue, chosen on held-out train articles
#: (the content model then drops the cues whose statement it finds unlikely).
THRESHOLD = 0.4
_PERSONAL = {"i": 1, "we": 1, "you": 2}
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you", "who", "which", "that"})


@dataclass(frozen=True, slots=True)
class CueModel:
    weights: dict[str, float]
    bias: float
    speech_verbs: frozenset[str]
    threshold: float = THRESHOLD

    def probability(self, features: Iterable[str]) -> float:
        return logistic(self.bias, self.weights, features)


def logistic(bias: float, weights: dict[str, float], features: Iterable[str]) -> float:
    """The probability a logistic model over binary features gives: the weights of the
    features present, summed with the bias, through the sigmoid."""
    z = bias + sum(map(weights.get, features, repeat(0.0)))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def cue_model() -> CueModel:
    """The shipped model."""
    data = json.loads(resource_path("quote_cue_model.json").read_text(encoding="utf-8"))
    return CueModel(
        weights={k: float(v) for k, v in data["weights"].items()},
        bias=float(data["bias"]),
        speech_verbs=frozenset(data["speech_verbs"]),
        threshold=float(data.get("threshold", THRESHOLD)),
    )


def cue_features(
    verb: Token,
    frame: str,
    subject: Token | None,
    content_tokens: int,
    *,
    starts_with_that: bool,
    quoted: bool,
    colon: bool,
    speech_verbs: frozenset[str],
    opener: str = "",
    inside_quote: bool = False,
    question: bool = False,
) -> list[str]:
    """The features of one candidate cue verb. ``opener``: the first word of its content
    (lower case, or the part of speech when it is not a complementizer); ``inside_quote``:
    the verb is inside a quotation; ``question``: its sentence asks one."""
    tokens = table(verb.doc)
    dep, lemmas, v = tokens.dep, tokens.lemma, verb.i
    lemma, verb_dep, tag = lemmas[v], dep[v], tokens.tag[v]
    feats = [
        f"lemma={lemma}",
        f"frame={frame}",
        f"lemma|frame={lemma}|{frame}",
        f"dep={verb_dep}",
        f"lemma|dep={lemma}|{verb_dep}",
        f"tag={tag}",
        f"frame|tag={frame}|{tag}",
        f"size={min(6, content_tokens.bit_length())}",
        f"frame|size={frame}|{min(6, content_tokens.bit_length())}",
    ]
    if lemma in speech_verbs:
        feats += ["speech", f"speech|frame={frame}"]
    inq = int(inside_quote)
    feats.append(f"inq={inq}")
    if question:
        feats += [f"question|inq={inq}", f"lemma|question={lemma}"]
    if subject is None:
        feats.append("subj=none")
        if tag == "VB" and verb_dep == "ROOT":
            feats.append("imperative")  # "Ask yourself: ..."
    else:
        kind = subject.ent_type_ or subject.pos_
        feats += [f"subj={kind}", f"frame|subj={frame}|{kind}", f"lemma|subj={lemma}|{kind}"]
        if subject.lower_ in _PRONOUNS or subject.pos_ == "NOUN":
            feats.append(f"subj_word={subject.lemma_.lower()}")
        if subject.lower_ in _PERSONAL:
            # the writer or the reader outside quotes ("I think", "do you know"): seldom a cue
            feats += [f"person|inq={_PERSONAL[subject.lower_]}|{inq}",
                      f"lemma|person|inq={lemma}|{_PERSONAL[subject.lower_]}|{inq}"]
    if starts_with_that:
        feats += ["that", f"lemma|that={lemma}"]
    if quoted:
        feats += ["quoted", f"frame|quoted={frame}", f"lemma|quoted={lemma}"]
    if colon:
        feats += ["colon", f"lemma|colon={lemma}"]
    if opener:
        feats += [f"opener={opener}", f"lemma|opener={lemma}|{opener}"]
    children = tokens.children(v)
    if any(dep[c] == "neg" for c in children):
        feats.append("neg")
    lower = tokens.lower
    for c in children:
        if dep[c] in ("aux", "auxpass"):
            feats.append(f"aux={lemmas[c]}")
        elif dep[c] == "prep":
            feats.append(f"lemma|prep={lemma}|{lower[c]}")
        elif dep[c] == "prt":
            feats.append(f"lemma|prt={lemma}|{lower[c]}")
        elif dep[c] in ("dobj", "xcomp") and c > v:
            feats.append(f"lemma|{dep[c]}={lemma}|{lemmas[c]}")
        elif dep[c] == "acomp" and frame == "stance":
            # "is critical of", "are optimistic that": the adjective and how it takes its topic
            links = [lower[g] if dep[g] == "prep" else dep[g]
                     for g in tokens.children(c) if g > c and dep[g] in ("prep", "ccomp", "xcomp")]
            feats += [f"stance={lemmas[c]}", f"stance|link={lemmas[c]}|{links[0] if links else ''}"]
    if verb_dep != "ROOT":
        head = lemmas[tokens.head[v]]
        feats += [f"head={head}", f"lemma|head={lemma}|{head}"]
    return feats
