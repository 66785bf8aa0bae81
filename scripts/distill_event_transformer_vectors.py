"""Distil the FINE-TUNED event transformer (``resources/event_transformer/model.onnx``, the
accurate mode's int8 MiniLM-L6) into static token vectors, model2vec-style, in the format of
``resources/event_vectors/`` (a model2vec StaticModel directory: ``config.json``,
``model.safetensors``, ``tokenizer.json``), so that ``event_vectors.WordVectors`` reads it
unchanged and the fast path keeps its cost (the same table lookup).

As ``model2vec.distill`` does with a torch model (``scripts/distill_vectors.py``): every token of
the shipped static vocabulary (``resources/event_vectors/tokenizer.json``: BERT's 30,522 pieces
without ``[unusedN]``, ``[CLS]``, ``[SEP]``, ``[MASK]``; the rows keep its order) is run alone
as ``[CLS] tok [SEP]``, the last hidden state (the input of the pooler/classifier head, which
the graph does not output: it is added as a graph output with the ``onnx`` package) is pooled,
reduced by PCA to ``DIMS`` dimensions, weighted by model2vec's SIF weights (Zipf rank, 1e-4) and
stored as float16. ``--pooling``: ``mean`` (model2vec's default: the mean over the three
positions), ``token`` (the token's own position) or ``pooler`` (the pooled ``[CLS]``, the head's
input after its dense+tanh).

One token per run, unpadded: the graph was traced without padding, and being dynamically
quantised (``DynamicQuantizeLinear`` takes one scale per tensor, over the whole batch) a batch
gives other vectors than the same inputs one at a time (up to 0.5 apart where values reach 4).
About 2 ms a token, a minute or two for the vocabulary. The markers the transformer was trained
with (``[S]``, ``[/T]``, ...) are no tokens of its vocabulary (the tokenizer splits them into
``[``, ``s``, ``]``), so they need nothing here.

``onnx`` is a build-time need only, never a project dependency::

    uv run --with onnx python scripts/distill_event_transformer_vectors.py \
        [--pooling mean] [--out src/newsgraph/resources/event_vectors_tx]

The raw 384-dimension vectors of all three poolings are cached in ``--cache`` (default
``/tmp/evvec_raw.npz``), so another pooling or PCA size is a second of work.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "src" / "newsgraph" / "resources"
TRANSFORMER = RESOURCES / "event_transformer"
STATIC = RESOURCES / "event_vectors"
#: PCA dimensions, as the shipped table (``scripts/distill_vectors.py``).
DIMS = 128
SIF = 1e-4
#: The last encoder layer's output (its final LayerNorm), read by the pooler's Gather of [CLS].
HIDDEN = "/bert/encoder/layer.5/output/LayerNorm/LayerNormalization_output_0"
POOLED = "/bert/pooler/activation/Tanh_output_0"
POOLINGS = ("mean", "token", "pooler")


def session():  # type: ignore[no-untyped-def]
    import onnx
    import onnxruntime as ort
    from onnx import TensorProto, helper

    model = onnx.load(str(TRANSFORMER / "model.onnx"))
    names = {o for n in model.graph.node for o in n.output}
    for name in (HIDDEN, POOLED):
        if name not in names:
            raise SystemExit(f"{name} is not a tensor of the graph: the head's input moved?")
    model.graph.output.append(
        helper.make_tensor_value_info(HIDDEN, TensorProto.FLOAT, ["batch", "tokens", 384])
    )
    model.graph.output.append(
        helper.make_tensor_value_info(POOLED, TensorProto.FLOAT, ["batch", 384])
    )
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    return ort.InferenceSession(
        model.SerializeToString(), options, providers=["CPUExecutionProvider"]
    )


def raw_vectors(tokens: list[str]) -> dict[str, np.ndarray]:
    """Pooling -> (len(tokens), 384) float32, each token run alone as ``[CLS] tok [SEP]``."""
    vocab = json.loads((TRANSFORMER / "tokenizer.json").read_text("utf-8"))["model"]["vocab"]
    cls, sep = vocab["[CLS]"], vocab["[SEP]"]
    sess = session()
    out = {p: np.zeros((len(tokens), 384), np.float32) for p in POOLINGS}
    mask = np.ones((1, 3), np.int64)
    start = time.time()
    for k, tok in enumerate(tokens):
        ids = np.array([[cls, vocab[tok], sep]], np.int64)
        _, hidden, pooled = sess.run(None, {"input_ids": ids, "attention_mask": mask})
        out["mean"][k] = hidden[0].mean(axis=0)
        out["token"][k] = hidden[0, 1]
        out["pooler"][k] = pooled[0]
        if k % 5000 == 0:
            print(f"{k}/{len(tokens)} tokens, {time.time() - start:.0f} s", flush=True)
    return out


def pca(x: np.ndarray, dims: int) -> np.ndarray:
    """model2vec's PCA (``model2vec.distill.inference._pca_fit_transform``): centred, top
    ``dims`` eigenvectors of the covariance, each component's sign set by its largest score."""
    xc = x - x.mean(axis=0)
    eigvals, eigvecs = np.linalg.eigh((xc.T @ xc) / (len(x) - 1))
    components = eigvecs[:, ::-1][:, :dims].T
    scores = xc @ components.T
    big = np.argmax(np.abs(scores), axis=0)
    explained = eigvals[::-1][:dims].sum() / eigvals.sum()
    print(f"PCA {x.shape[1]} -> {dims}: explained variance {explained:.3f}")
    return scores * np.sign(scores[big, range(scores.shape[1])])


def sif_weights(n: int, coefficient: float = SIF) -> np.ndarray:
    """model2vec's ``compute_weights``: a token's frequency guessed from its rank by Zipf's law."""
    inv_rank = 1 / np.arange(2, n + 2)
    proba = inv_rank / inv_rank.sum()
    return coefficient / (coefficient + proba)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pooling", choices=POOLINGS, default="mean")
    parser.add_argument("--out", type=Path, default=RESOURCES / "event_vectors_tx")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/evvec_raw.npz"))
    args = parser.parse_args()

    from model2vec import StaticModel

    shipped = StaticModel.from_pretrained(str(STATIC), force_download=False)
    tokens = list(shipped.tokens)
    if args.cache.exists():
        cached = np.load(args.cache)
        raw = {p: cached[p] for p in POOLINGS}
        assert list(cached["tokens"]) == tokens, "cache from another vocabulary"
    else:
        raw = raw_vectors(tokens)
        np.savez(args.cache, tokens=np.array(tokens), **raw)
    x = np.nan_to_num(raw[args.pooling].astype(np.float64))
    vectors = pca(x, DIMS) * sif_weights(len(x))[:, None]
    config = {
        **shipped.config,
        "tokenizer_name": "newsgraph event_transformer (fine-tuned all-MiniLM-L6-v2, int8 ONNX)",
        "pooling": args.pooling,
        "embedding_dtype": "float16",
    }
    model = StaticModel(
        vectors=vectors.astype(np.float16),
        tokenizer=shipped.tokenizer,
        config=config,
        normalize=True,
        base_model_name="event_transformer",
    )
    if args.out.exists():
        shutil.rmtree(args.out)
    model.save_pretrained(str(args.out))
    for extra in ("README.md", "modules.json"):  # model-card boilerplate the loader does not read
        (args.out / extra).unlink(missing_ok=True)
    size = sum(p.stat().st_size for p in args.out.iterdir())
    print(f"{args.out}: {len(tokens)} tokens x {DIMS} dims ({args.pooling}), {size // 1024} KB")


if __name__ == "__main__":
    sys.exit(main())
