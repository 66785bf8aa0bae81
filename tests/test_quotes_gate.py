"""Accuracy gate for ``newsgraph_quotes`` (STYLE.md point 9): the PolNeAR dev benchmark, run
through ``bench/quotes.py``'s own code on a fixed subset (the first ``ARTICLES`` dev articles,
about 25 s), must not fall below pinned floors. The floors sit about 0.01 under what the subset
measured when they were pinned; raise them when the component improves."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

from polnear import DATA, load  # noqa: E402
from quotes import Run, evaluate  # noqa: E402

ARTICLES = 40
#: Measured on the first 40 dev articles: content overlap F1 0.724, full attribution F1 0.647.
OVERLAP_F1_FLOOR = 0.714
ATTRIBUTION_F1_FLOOR = 0.637


@pytest.fixture(scope="module")
def dev_run() -> Run:
    if not DATA.exists():
        pytest.skip(f"{DATA} is absent: the PolNeAR dev split is needed for the quotes gate")
    return evaluate(load("dev")[:ARTICLES])


def test_quotes_gate_content_overlap_f1(dev_run: Run) -> None:
    counts = dev_run.counts
    _, _, f1 = counts.scores(counts.matched)
    assert f1 >= OVERLAP_F1_FLOOR, f"content overlap F1 {f1:.3f} < floor {OVERLAP_F1_FLOOR}"


def test_quotes_gate_attribution_f1(dev_run: Run) -> None:
    counts = dev_run.counts
    _, _, f1 = counts.scores(counts.source_ok)
    assert f1 >= ATTRIBUTION_F1_FLOOR, f"attribution F1 {f1:.3f} < floor {ATTRIBUTION_F1_FLOOR}"
