"""Article text cut into highlighted pieces (actor mentions, quotes, event triggers) from the
stored character spans, and the evidence shown around a span."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

MarkKind = Literal["actor", "quote", "event"]


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlighted stretch of article text: ``text[start:end]`` is an actor mention, a quote
    or an event trigger. ``ref`` is the record id, ``href`` where a click on it goes,
    ``css`` extra classes (an event's polarity), ``title`` a tooltip."""

    start: int
    end: int
    kind: MarkKind
    ref: str
    href: str | None = None
    css: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text starting at ``start``, covered by the same marks (outermost first)."""

    start: int
    text: str
    marks: tuple[Mark, ...]

    @property
    def opens(self) -> tuple[Mark, ...]:
        """The marks that begin here: the place their anchors (``#q-..``, ``#e-..``) go."""
        return tuple(m for m in self.marks if m.start == self.start)

    def mark(self, kind: MarkKind) -> Mark | None:
        return next((m for m in reversed(self.marks) if m.kind == kind), None)

    @property
    def css(self) -> str:
        classes = [f"hl-{m.kind}" + (f" {m.css}" if m.css else "") for m in self.marks]
        return " ".join(dict.fromkeys(" ".join(classes).split()))


def segment(text: str, marks: Iterable[Mark]) -> list[Piece]:
    """Cut ``text`` into pieces at every mark boundary, each knowing the marks covering it.

    Marks may overlap or nest (a quote holding actor mentions); marks out of the text or empty
    are dropped. Joining the pieces' text gives back ``text`` exactly.
    """
    valid = sorted(
        (m for m in marks if 0 <= m.start < m.end <= len(text)),
        key=lambda m: (m.start, -m.end),
    )
    starting: dict[int, list[Mark]] = defaultdict(list)
    for m in valid:
        starting[m.start].append(m)
    cuts = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    pieces: list[Piece] = []
    active: list[Mark] = []  # a sweep: the marks covering the current piece, in start order
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        active = [m for m in active if m.end > lo] + starting.get(lo, [])
        pieces.append(Piece(lo, text[lo:hi], tuple(active)))
    return pieces


def context(text: str, start: int, end: int, reach: int = 220) -> str:
    """The sentence (or so) around ``text[start:end]``: the evidence shown beside an event."""
    lo = max(0, start - reach)
    hi = min(len(text), end + reach)
    before = text[lo:start]
    cut = max(before.rfind(". "), before.rfind("\n"), before.rfind("? "), before.rfind("! "))
    left = lo + cut + 1 if cut >= 0 else lo
    after = text[end:hi]
    stops = [i for i in (after.find(". "), after.find("\n"), after.find("? ")) if i >= 0]
    right = end + min(stops) + 1 if stops else hi
    snippet = " ".join(text[left:right].split())
    head = "… " if left == lo and lo > 0 else ""
    tail = "…" if right == hi < len(text) else ""
    return head + snippet + tail
