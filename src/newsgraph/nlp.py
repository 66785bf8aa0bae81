"""Loads the spaCy pipeline once per process and adds newsgraph's components."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import numpy as np
import spacy
from spacy.attrs import IDX, SENT_START
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph import extract  # noqa: F401  (registers the components and Doc extensions)
from newsgraph.errors import ModelError
from newsgraph.settings import DEFAULT_SETTINGS, Settings

_LINE_BREAK = re.compile("\n")


@Language.component("newsgraph_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines, subheads and paragraphs never merge.

    The token after each token holding a line break starts a sentence (a token's trailing
    whitespace is one space at most). The tokens are found from the breaks' offsets in the
    text, and marked in one ``Doc.from_array`` (``Token.is_sent_start`` looks at the whole Doc
    each time it is set)."""
    breaks = [m.start() for m in _LINE_BREAK.finditer(doc.text)]
    if not breaks:
        return doc
    if doc.has_annotation("DEP"):
        raise ValueError(Errors.E043)  # as setting ``Token.is_sent_start`` after the parser does
    holders = np.searchsorted(doc.to_array(IDX), breaks, side="right") - 1
    starts = doc.to_array(SENT_START)
    starts[holders[holders + 1 < len(doc)] + 1] = 1
    doc.from_array([SENT_START], starts.reshape(-1, 1))  # type: ignore[arg-type]  # (spaCy's stub)
    return doc


@lru_cache(maxsize=4)
def load(settings: Settings = DEFAULT_SETTINGS) -> Language:
    """The spaCy pipeline for these settings, loaded once and shared."""
    try:
        nlp = spacy.load(settings.model)
    except (OSError, ImportError) as exc:
        raise ModelError(
            f"spaCy pipeline {settings.model!r} cannot be loaded ({exc}); "
            "install it (e.g. `uv sync`) or name another with --model"
        ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsgraph_paragraphs", before="parser")
    nlp.max_length = max(nlp.max_length, settings.max_chars + 1)
    for name in settings.components:
        config: dict[str, Any] = {}
        if name == "newsgraph_events":
            config["classifier"] = settings.event_classifier
        nlp.add_pipe(name, config=config)
    return nlp
