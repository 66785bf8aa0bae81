"""The cue model's stacked trees: numpy prediction of flat node arrays, rates, dense rows."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier
from spacy.language import Language

from newsgraph.extract.cue_model import CONTEXT, Forest, Rates, StackView, cue_model
from newsgraph.extract.cues import (
    STACK_FLOOR,
    candidate_features,
    context_features,
    cue_probabilities,
    find_cues,
    is_cue_candidate,
    sentence_cues,
    stack_keys,
    verb_cue,
)

INF = float("inf")


def _stump(feature: int, threshold: float, low: float, high: float, at: int) -> list[list[float]]:
    """One split and its two leaves, as (feature, threshold, left, right, value) rows."""
    return [[feature, threshold, at + 1, at + 2, 0.0],
            [0, INF, at + 1, at + 1, low],
            [0, INF, at + 2, at + 2, high]]


def _forest(nodes: list[list[float]], roots: list[int], depth: int, baseline: float) -> Forest:
    a = np.array(nodes)
    return Forest(a[:, 0].astype(np.intp), a[:, 1], a[:, 2].astype(np.intp),
                  a[:, 3].astype(np.intp), a[:, 4], np.array(roots, dtype=np.intp), depth,
                  baseline)


def test_forest_sums_the_leaf_of_each_tree() -> None:
    forest = _forest(_stump(0, 0.5, -1.0, 2.0, 0) + _stump(1, 3.0, 0.25, -0.5, 3), [0, 3], 1, 0.1)
    x = np.array([[0.0, 0.0], [0.5, 3.0], [1.0, 3.5], [0.7, 1.0]])
    assert forest.raw(x).tolist() == pytest.approx([-0.65, -0.65, 1.6, 2.35])


def test_a_leaf_stays_put_when_other_trees_are_deeper() -> None:
    deep = [[0, 0.0, 1, 2, 0.0], [1, 0.0, 3, 4, 0.0], [0, INF, 2, 2, 5.0],
            [0, INF, 3, 3, 1.0], [0, INF, 4, 4, 2.0]]
    forest = _forest(deep + _stump(0, 9.0, 10.0, 20.0, 5), [0, 5], 2, 0.0)
    assert forest.raw(np.array([[-1.0, 1.0], [1.0, -1.0]])).tolist() == [12.0, 15.0]


def test_forest_round_trips_through_json_and_matches_sklearn() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 3))
    y = (x[:, 0] * x[:, 1] > 0).astype(int)  # an interaction no linear model finds
    model = HistGradientBoostingClassifier(max_iter=20, max_leaf_nodes=6,
                                           early_stopping=False, random_state=0).fit(x, y)
    nodes: list[list[float]] = []
    roots = []
    for (predictor,) in model._predictors:
        at = len(nodes)
        roots.append(at)
        for j, n in enumerate(predictor.nodes):
            if n["is_leaf"]:
                nodes.append([0, INF, at + j, at + j, n["value"]])
            else:
                nodes.append([n["feature_idx"], n["num_threshold"], at + n["left"],
                              at + n["right"], 0.0])
    forest = _forest(nodes, roots, 6, float(np.ravel(model._baseline_prediction)[0]))
    again = Forest.from_dict(forest.to_dict())
    assert np.allclose(again.raw(x), model.decision_function(x))
    assert ((again.raw(x) > 0) == y).mean() > 0.9


def test_rates_are_smoothed_toward_the_prior() -> None:
    rates = Rates({"say": (90, 81), "make": (10, 0)}, prior=0.2)
    assert rates.rate("say") == pytest.approx((83 / 100, np.log2(91)))
    assert rates.rate("make")[0] == pytest.approx(2 / 20)
    assert rates.rate("unseen") == (pytest.approx(0.2), 0.0)


def test_stack_view_splits_the_logit_by_feature_family() -> None:
    view = StackView(families=("dep", "lemma"), columns=("inq=1", "subj=PRON"),
                     lemmas=Rates({"say": (10, 10)}, 0.5), subjects=Rates({}, 0.25))
    weights = {"lemma=say": 2.0, "dep=ROOT": 0.5, "subj=PRON": -1.0}
    context = [0.1] * len(CONTEXT)
    row = view.row(-1.0, weights, ["lemma=say", "dep=ROOT", "subj=PRON"], "say", "he", context)
    assert row[:3] == [0.5, 0.5, 2.0]  # the logit, then dep and lemma's shares
    assert row[3:7] == pytest.approx([15 / 20, np.log2(11), 0.25, 0.0])
    assert row[7:-2] == context
    assert row[-2:] == [0.0, 1.0]


def test_shipped_model_stacks_trees_on_the_weights() -> None:
    model = cue_model()
    assert model.stack is not None
    view = model.stack.view
    width = 1 + len(view.families) + 4 + len(CONTEXT) + len(view.columns)
    assert int(model.stack.forest.feature.max()) < width
    rows = [[0.0] * width, [5.0] * width]
    low, high = model.stacked(rows, [0.0, 0.0]), model.stacked(rows, [1.0, 1.0])
    assert all(0.0 < p < 0.5 for p in low)  # the mean of the trees' and the logistic one
    assert [h - lo for h, lo in zip(high, low, strict=True)] == pytest.approx([0.5, 0.5])


def test_find_cues_keeps_a_reporting_verb_and_drops_an_act(pipeline: Language) -> None:
    doc = pipeline("The minister said the border would reopen. Rebels burned the town.")
    sents = list(doc.sents)
    said = list(find_cues(sents[0]))
    assert [doc[slice(*c.cue)].text for c in said] == ["said"]
    assert 0.5 < said[0].score <= 1.0
    assert list(find_cues(sents[1])) == []


def test_only_verbs_above_the_floor_are_kept_by_the_stacked_mean(pipeline: Language) -> None:
    doc = pipeline("The minister said on Monday that rebels had burned the town, and aid workers "
                   "told reporters they would return.")
    sent = next(iter(doc.sents))
    model = cue_model()
    verbs = [(sent, tok, cue, candidate_features(sent, tok, cue, [], model.speech_verbs))
             for tok in sent if is_cue_candidate(tok)
             for cue in [verb_cue(sent, tok, find_channel=False)]]
    decided = cue_probabilities(verbs, model, [])
    linear = [model.probability(feats) for *_, feats in verbs]
    assert [p for p, _ in decided] == linear
    asked = [k for k, p in enumerate(linear) if p >= STACK_FLOOR]
    assert asked and len(asked) < len(verbs)  # "burned" is below the floor
    for k, (p, keep) in enumerate(decided):
        if k not in asked:
            assert keep == p
    assert model.stack is not None
    view = model.stack.view
    rows = [view.row(model.bias, model.weights, verbs[k][3], *stack_keys(*verbs[k][1:3]),
                     context_features(sent, verbs[k][1], [])) for k in asked]
    assert [decided[k][1] for k in asked] == pytest.approx(
        model.stacked(rows, [linear[k] for k in asked]))
    plain = cue_probabilities(verbs, replace(model, stack=None), [])
    assert plain == [(p, p) for p in linear]


def test_sentence_cues_asks_the_trees_once_and_finds_what_each_sentence_does(
    pipeline: Language,
) -> None:
    doc = pipeline("The minister said the border would reopen. Rebels burned the town. "
                   "Aid workers told reporters they would return, the agency announced. "
                   '"We are ready," she added.')
    sents = list(doc.sents)
    quoted = [(doc.text.index('"'), doc.text.rindex('"') + 1)]
    batch = sentence_cues(sents, quoted)
    assert batch == [list(find_cues(s, quoted)) for s in sents]
    assert [[doc[slice(*c.cue)].text for c in cues] for cues in batch][:2] == [["said"], []]
    assert sum(len(cues) for cues in batch) >= 4
