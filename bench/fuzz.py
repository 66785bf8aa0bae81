"""Fuzz the text cleaner and the quote extractor with atheris, for a bounded time.

    uv run python bench/fuzz.py clean --seconds 60
    uv run python bench/fuzz.py quotes --seconds 60
    uv run python bench/fuzz.py all --seconds 120      # each target in turn, in its own process

Each input is taken as UTF-8 text (bad bytes replaced). The targets check, besides "no
exception": the cleaner's body has no control characters and every body paragraph comes from
the input; every quote span, speaker span and cue lies inside the text and is the text it
covers. A failing input is saved under ``--artifacts`` (default ``/tmp/newsgraph-fuzz``) as
``crash-*``; turn it into a regression test. Seeds are a few hand-written news sentences.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import atheris

SEEDS = [
    'Kyiv, Ukraine (Reuters) - "We will not give up," President Ana Ruiz said on Monday.',
    "By Jan Jansen\nPublished 3 March 2023\n\nThe mayor said that the port would close.\n\nShare",
    "Officials told reporters: “The vote was stolen from us.” – Ned Price",
    "He said the talks had failed.\n\nRead more: Talks fail\n\nPhoto: AP",
    "«Nous ne céderons pas», a déclaré le ministre. قال الوزير \"لن نستسلم\".",
    '"The border stays closed," Anna Berg, a spokeswoman for the interior ministry, said.',
]


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _fold(text: str, skeleton: Callable[[str], str]) -> str:
    """``text`` without spaces and with look-alike letters folded, word by word (so that no
    look-alike pair is made across a line break)."""
    return "".join(skeleton(word) for word in text.split())


def clean_target() -> Callable[[bytes], None]:
    with atheris.instrument_imports(include=["newsgraph.read"]):
        from newsgraph.read.clean import _skeleton, clean_page, normalize

    def test_one_input(data: bytes) -> None:
        raw = _text(data)
        page = clean_page(raw)
        source = normalize(raw)[0]
        for c in page.text:
            if unicodedata.category(c) == "Cc" and c not in "\n\t":
                raise AssertionError(f"control character {c!r} left in the body")
        folded = _fold(source, _skeleton)  # look-alike letters may be repaired, lines re-wrapped
        for paragraph in page.text.split("\n\n"):
            if _fold(paragraph, _skeleton) not in folded:
                raise AssertionError(f"body paragraph not from the input: {paragraph!r}")

    return test_one_input


def quotes_target() -> Callable[[bytes], None]:
    with atheris.instrument_imports(include=["newsgraph.extract"]):
        from newsgraph import nlp
        from newsgraph.model import Article
    pipeline = nlp.load()

    def test_one_input(data: bytes) -> None:
        text = _text(data)
        doc = pipeline.make_doc(text)
        doc._.article = Article(text=text, published="2022-01-08", language="en")
        doc = pipeline(doc)
        for q in doc._.quotes or ():
            for name, span in (("span", q.span), ("speaker_span", q.speaker_span),
                               ("cue", q.cue)):
                if span is None:
                    continue
                if not 0 <= span.start <= span.end <= len(text):
                    raise AssertionError(f"quote {name} {span} outside the text")
                if span.text != text[span.start:span.end]:
                    raise AssertionError(f"quote {name} {span} is not the text it covers")

    return test_one_input


TARGETS = {"clean": clean_target, "quotes": quotes_target}


def fuzz(target: str, seconds: int, artifacts: Path) -> None:
    artifacts.mkdir(parents=True, exist_ok=True)
    seeds = Path(tempfile.mkdtemp(prefix=f"newsgraph-fuzz-{target}-"))
    for i, seed in enumerate(SEEDS):
        (seeds / f"seed{i}").write_text(seed, encoding="utf-8")
    test_one_input = TARGETS[target]()
    started = time.monotonic()
    print(f"fuzz {target}: {seconds} s, failing inputs go to {artifacts}/", file=sys.stderr)
    atheris.Setup([sys.argv[0], f"-max_total_time={seconds}", "-max_len=4096",
                   f"-artifact_prefix={artifacts}/{target}-", "-print_final_stats=1",
                   str(seeds)], test_one_input)
    try:
        atheris.Fuzz()
    finally:
        print(f"fuzz {target}: ran {time.monotonic() - started:.0f} s", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=[*TARGETS, "all"])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--artifacts", type=Path, default=Path("/tmp/newsgraph-fuzz"))
    args = parser.parse_args()
    if args.target != "all":
        fuzz(args.target, args.seconds, args.artifacts)
        return
    failed = False
    for target in TARGETS:
        run = subprocess.run([sys.executable, __file__, target, "--seconds", str(args.seconds),
                              "--artifacts", str(args.artifacts)], check=False)
        failed |= run.returncode != 0
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
