from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from newsgraph import nlp
from newsgraph.resources import path as resource_path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def pipeline() -> Language:
    """The default spaCy pipeline with newsgraph's components, loaded once for the session."""
    return nlp.load()


@pytest.fixture(scope="session")
def schema() -> dict[str, object]:
    return json.loads(resource_path("document.schema.json").read_text(encoding="utf-8"))
