"""Imported once by the local engine's fork server: loads the spaCy pipeline there, so every
worker forked from the server starts with it already in memory (shared copy-on-write) instead
of loading its own. The loaded objects are then frozen out of the garbage collector's reach
(``gc.freeze``, as Python's documentation advises before forking), so a worker's collections
neither walk the model and lexicons nor copy their pages.

The engine passes its settings in the environment variable ``NEWSGRAPH_PRELOAD`` (JSON)
when it starts the server. A failure here is left for the workers to meet and report.
"""

from __future__ import annotations

import gc
import json
import os
from dataclasses import asdict

from newsgraph.model import Article
from newsgraph.pipeline import analyze_articles
from newsgraph.settings import Settings

ENV = "NEWSGRAPH_PRELOAD"

#: Run once through the pipeline, so components load their resources before the workers fork.
_WARM_UP = "The minister of Ruritania met union leaders in the capital on Monday, police said."


def encode(settings: Settings) -> str:
    return json.dumps(asdict(settings))


def decode(raw: str) -> Settings:
    fields = json.loads(raw)
    return Settings(**{**fields, "components": tuple(fields["components"])})


def _preload() -> None:
    raw = os.environ.get(ENV)
    if not raw:
        return
    try:
        settings = decode(raw)
        list(analyze_articles([Article(text=_WARM_UP, language="en")], settings))
    except Exception:  # noqa: BLE001  (a worker loads again and reports the error)
        return
    gc.collect()
    gc.freeze()


_preload()
