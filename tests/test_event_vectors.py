"""The event classifier's dense features: the shipped static word vectors and candidate vectors."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.language import Language

from newsgraph.extract.cameo import cameo_lexicon
from newsgraph.extract.event_features import Candidate, features, pair_trigger
from newsgraph.extract.event_model import event_model
from newsgraph.extract.event_vectors import PARTS, candidate_vector, doc_vectors, word_vectors


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_words_of_one_kind_of_event_are_near_each_other() -> None:
    v = word_vectors().words(["attacked", "bombed", "praised", "negotiations", "talks"])
    attacked, bombed, praised, negotiations, talks = v
    assert _cos(attacked, bombed) > _cos(attacked, praised)
    assert _cos(negotiations, talks) > _cos(negotiations, bombed)


def test_unknown_and_empty_input() -> None:
    vectors = word_vectors()
    assert vectors.words([]).shape == (0, vectors.dim)
    unknown = vectors.words(["\u2063"])  # an invisible separator: no word piece
    assert unknown.shape == (1, vectors.dim) and not unknown.any()


def _candidate(pipeline: Language, text: str, source: str, target: str) -> Candidate:
    doc = pipeline.make_doc(text)
    for name, proc in pipeline.pipeline:
        if not name.startswith("newsgraph"):
            doc = proc(doc)
    s, t = text.index(source), text.index(target)
    src = doc.char_span(s, s + len(source))
    tgt = doc.char_span(t, t + len(target))
    trigger = pair_trigger(src, tgt)
    assert trigger is not None
    return Candidate(trigger, src, tgt)


def test_candidate_vector_has_one_block_per_part(pipeline: Language) -> None:
    cand = _candidate(
        pipeline, "The rebels stormed the garrison at dawn.", "The rebels", "the garrison"
    )
    doc = cand.trigger.doc
    vec = candidate_vector(cand, doc_vectors(doc))
    dim = word_vectors().dim
    assert vec.shape == (len(PARTS) * dim,)
    for k in range(len(PARTS)):  # each part is a unit vector
        assert np.linalg.norm(vec[k * dim : (k + 1) * dim]) == pytest.approx(1.0, abs=1e-3)


@pytest.mark.parametrize(
    "text, source, target, type_",
    [
        (
            "Militants strafed the army outpost overnight.",
            "Militants",
            "the army outpost",
            "ASSAULT",
        ),
        (
            "Artillery units pummelled the rebel town.",
            "Artillery units",
            "the rebel town",
            "ASSAULT",
        ),
        (
            "The senator castigated the governor over the budget.",
            "The senator",
            "the governor",
            "ACCUSE",
        ),
    ],
)
def test_verbs_the_training_data_never_shows(
    pipeline: Language, text: str, source: str, target: str, type_: str
) -> None:
    """Verbs no binary feature knows are read through their neighbours in the vector space."""
    model, lexicon = event_model(), cameo_lexicon()
    cand = _candidate(pipeline, text, source, target)
    assert f"trig={cand.trigger.lemma_.lower()}" not in model.index
    probs = model.probabilities(
        features(cand, lexicon), candidate_vector(cand, doc_vectors(cand.trigger.doc))
    )
    assert max(probs, key=probs.__getitem__) == type_


def test_a_vector_of_another_width_is_ignored() -> None:
    model = event_model()
    feats = ["trig=meet", "s_dep=nsubj", "t_dep=pobj"]
    assert model.predict(feats) == model.predict(feats, vector=np.zeros(3, np.float32))
