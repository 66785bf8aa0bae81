"""Reading PolNeAR (``../shared/data/polnear``): articles and their brat standoff attributions.
Shared by ``bench/quotes.py`` and ``scripts/train_quotes.py``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear"
Range = tuple[int, int]


@dataclass(frozen=True)
class Gold:
    """One annotated attribution: fragments of its content, source and cue."""

    content: tuple[Range, ...]
    source: tuple[Range, ...]
    cue: tuple[Range, ...]


def parse_ann(path: Path) -> list[Gold]:
    """The attributions of one brat standoff file."""
    spans: dict[str, tuple[Range, ...]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0][:1] == "T" and parts[0][1:].isdigit():
            tid, info = parts[0], parts[1]
            _label, offsets = info.split(" ", 1)
            spans[tid] = tuple(
                (int(a), int(b)) for a, b in (f.split() for f in offsets.split(";"))
            )
        elif len(parts) >= 2 and parts[0][:1] == "E" and parts[0][1:].isdigit():
            args = parts[1]
            events.append(dict(a.split(":", 1) for a in args.split()))
    out = []
    for ev in events:
        content = ev.get("Content") or ev.get("Content2")
        if content not in spans:
            continue
        out.append(
            Gold(
                content=spans[content],
                source=spans.get(ev.get("Source", ""), ()),
                cue=spans.get(ev.get("Cue", ""), ()),
            )
        )
    return out


def _annotated(split: str) -> list[tuple[Path, list[Path]]]:
    """Each article of a split with its annotator files, sorted by name (articles without any
    are left out)."""
    root = DATA / split
    found = []
    for txt in sorted((root / "text").glob("*.txt")):
        anns = sorted((root / "attributions").glob(f"{txt.stem}_*.ann"))
        if anns:
            found.append((txt, anns))
    return found


def load(split: str) -> list[tuple[str, str, list[Gold]]]:
    """(name, text, gold attributions) for every article of a split, one annotator each (the
    first file by name)."""
    return [
        (txt.stem, txt.read_text(encoding="utf-8"), parse_ann(anns[0]))
        for txt, anns in _annotated(split)
    ]


def other_annotators(split: str) -> list[tuple[int, list[Gold]]]:
    """The attributions of every annotator file after the first, with the index of their article
    in ``load(split)`` (PolNeAR's agreement articles were annotated by several annotators)."""
    return [
        (n, parse_ann(ann)) for n, (_, anns) in enumerate(_annotated(split)) for ann in anns[1:]
    ]
