"""content_tokens: the window and the per-token features of a verb cue, on hand-written text."""

from __future__ import annotations

import numpy as np
from spacy.language import Language

from newsgraph.extract import content_tokens as ct


def test_window_is_the_sentence_and_the_next_of_its_paragraph(pipeline: Language) -> None:
    text = "The mayor said the bridge would reopen. It had been shut for a year.\nRain fell."
    doc = pipeline(text)
    verb = next(t.i for t in doc if t.text == "said")
    win = ct.window(doc, verb, text)
    assert doc[win.start].text == "The"
    assert doc[win.next_start].text == "It"
    assert doc[win.start : win.end].text.strip().endswith("for a year.")


def test_features_tell_the_complement_from_the_subject(pipeline: Language) -> None:
    text = "The mayor said the bridge would reopen in May."
    doc = pipeline(text)
    verb = next(t.i for t in doc if t.text == "said")
    win = ct.window(doc, verb, text)
    codes, dense = ct.token_features(doc, verb, win, "clause", (), [])
    assert codes.shape == (len(doc), len(ct.TEMPLATES))
    assert dense.shape == (len(doc), ct.N_DENSE)
    assert int(codes.max()) < ct.N_FEATURES
    branch = codes[:, 0]
    by_word = {t.text: int(branch[t.i - win.start]) for t in doc}
    assert by_word["said"] == 0
    assert by_word["bridge"] == by_word["May"] == 1 + ct.DEPS.index("ccomp")
    assert by_word["mayor"] == 1 + ct.DEPS.index("nsubj")


def test_a_model_scores_the_window(pipeline: Language) -> None:
    text = "He said the talks had failed."
    doc = pipeline(text)
    verb = next(t.i for t in doc if t.text == "said")
    weights = np.zeros(ct.N_FEATURES, dtype=np.float32)
    weights[ct.OFFSETS[0] + 1 + ct.DEPS.index("ccomp")] = 3.0  # the clause the verb takes
    model = ct.TokenModel(weights, np.zeros(ct.N_DENSE, dtype=np.float32), -1.0)
    scores = ct.scores(model, doc, text, verb, "clause", (), [])
    inside = {t.text: float(scores.probs[t.i]) for t in doc}
    assert inside["talks"] > 0.8 > 0.3 > inside["He"]
