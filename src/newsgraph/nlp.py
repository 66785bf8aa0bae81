"""Loads the spaCy pipeline once per process and adds newsgraph's components."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph import extract  # noqa: F401  (registers the components and Doc extensions)
from newsgraph.errors import ModelError
from newsgraph.settings import DEFAULT_SETTINGS, Settings


@Language.component("newsgraph_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines, subheads and paragraphs never merge."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
            token.is_sent_start = True
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
