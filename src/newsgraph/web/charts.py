"""Chart geometry for the web UI, as pure functions the templates draw as SVG: a timeline of
events stacked by PLOVER quad class, and a network of who acts on whom laid out by force.

No JavaScript library and no internet: the server computes every coordinate.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import numpy as np

from newsgraph.model import CAMEO_ROOT, EVENT_TYPES
from newsgraph.store.codes import quad_class

Polarity = Literal["coop", "conflict"]
Quad = Literal["vcoop", "mcoop", "vconflict", "mconflict"]

# The quad class of each type, through its CAMEO root: the same grouping as the GDELT export.
_QUAD_OF_CLASS: dict[int, Quad] = {1: "vcoop", 2: "mcoop", 3: "vconflict", 4: "mconflict"}
_QUADS: dict[str, Quad] = {t: _QUAD_OF_CLASS[quad_class(CAMEO_ROOT[t])] for t in EVENT_TYPES}
QUAD_LABELS: dict[Quad, str] = {
    "vcoop": "Verbal cooperation",
    "mcoop": "Material cooperation",
    "vconflict": "Verbal conflict",
    "mconflict": "Material conflict",
}


def event_quad(event_type: str) -> Quad:
    """PLOVER quad class of an event type (a type outside PLOVER counts as verbal cooperation)."""
    return _QUADS.get(event_type, "vcoop")


def event_polarity(event_type: str) -> Polarity:
    """``coop`` for the cooperation quad classes (AGREE..RETREAT), ``conflict`` for the rest."""
    return "coop" if event_quad(event_type) in ("vcoop", "mcoop") else "conflict"


# --- timeline ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    quad: Quad
    label: str
    count: int
    href: str


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    y_ticks: tuple[tuple[float, int], ...]
    unit: str
    total: int


def parse_day(value: str | None) -> date | None:
    """The day of an ISO date or date-time (the first of the month for ``YYYY-MM``), else None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10] if len(value) >= 10 else value[:7] + "-01")
    except ValueError:
        return None


def _bucket(day: date, unit: str) -> date:
    if unit == "month":
        return day.replace(day=1)
    if unit == "week":
        return day - timedelta(days=day.weekday())
    return day


def _next(day: date, unit: str) -> date:
    if unit == "month":
        return (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return day + timedelta(days=7 if unit == "week" else 1)


def timeline_chart(
    points: Iterable[tuple[str | None, str, int]], width: int = 960, height: int = 240
) -> Chart:
    """A stacked bar chart of events over time, by PLOVER quad class.

    ``points`` are ``(period, type, count)``: ``count`` events of ``type`` on a day
    (``YYYY-MM-DD``) or in a month (``YYYY-MM``); undated or unreadable ones are left out.
    Bars are days, weeks or months, whichever keeps the chart readable; each bar links to the
    event list of its period.
    """
    dated = [(d, t, n) for d, t, n in ((parse_day(p), t, n) for p, t, n in points) if d and n]
    if not dated:
        return Chart(width, height, (), (), (), "day", 0)
    first, last = min(d for d, _, _ in dated), max(d for d, _, _ in dated)
    span = (last - first).days
    unit = "day" if span <= 92 else "week" if span <= 730 else "month"
    counts: dict[date, dict[Quad, int]] = defaultdict(lambda: defaultdict(int))
    for day, kind, n in dated:
        counts[_bucket(day, unit)][event_quad(kind)] += n
    buckets = [_bucket(first, unit)]
    while buckets[-1] < _bucket(last, unit):
        buckets.append(_next(buckets[-1], unit))

    left, right, top, bottom = 36, 12, 12, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(sum(c.values()) for c in counts.values())
    step = plot_w / len(buckets)
    bar_w = min(max(1.0, step * 0.78), 56.0)
    bars: list[Bar] = []
    for i, start in enumerate(buckets):
        y = float(top + plot_h)
        stack: tuple[Quad, ...] = ("mcoop", "vcoop", "vconflict", "mconflict")
        for quad in stack:
            n = counts.get(start, {}).get(quad, 0)
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            end = _next(start, unit) - timedelta(days=1)
            bars.append(
                Bar(
                    x=round(left + i * step + (step - bar_w) / 2, 2),
                    y=round(y, 2),
                    width=round(bar_w, 2),
                    height=round(h, 2),
                    quad=quad,
                    label=f"{start.isoformat()}"
                    + (f" to {end.isoformat()}" if unit != "day" else ""),
                    count=n,
                    href=f"/events?since={start.isoformat()}&until={end.isoformat()}",
                )
            )
    every = max(1, math.ceil(len(buckets) / max(1, plot_w // 90)))  # labels ~90 px apart
    fmt = "%Y-%m" if unit == "month" else "%d %b %Y"
    ticks = tuple(
        Tick(round(left + i * step + step / 2, 2), b.strftime(fmt))
        for i, b in enumerate(buckets)
        if i % every == 0
    )
    y_step = max(1, math.ceil(peak / 4))
    y_ticks = tuple(
        (round(top + plot_h - plot_h * v / peak, 2), v) for v in range(0, peak + 1, y_step)
    )
    return Chart(width, height, tuple(bars), ticks, y_ticks, unit, sum(n for _, _, n in dated))



# --- network --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Node:
    id: str
    name: str
    x: float
    y: float
    r: float


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    coop: int
    conflict: int
    path: str
    width: float

    @property
    def polarity(self) -> str:
        if self.coop and self.conflict:
            return "coop" if self.coop >= 2 * self.conflict else (
                "conflict" if self.conflict >= 2 * self.coop else "mixed"
            )
        return "coop" if self.coop else "conflict"


@dataclass(frozen=True, slots=True)
class Network:
    width: int
    height: int
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


@dataclass(frozen=True, slots=True)
class Tie:
    """Events from one actor to another (``source`` acts on ``target``), by polarity."""

    source: str
    target: str
    coop: int
    conflict: int


def _layout(
    ids: Sequence[str], pairs: Sequence[tuple[str, str, float]], iterations: int = 150
) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold force layout in the unit square (numpy), deterministic so a page
    never jumps between loads: nodes start on a circle, connected ones pull together, all push
    apart, and a pull to the centre keeps unconnected pieces close."""
    n = len(ids)
    angle = 2 * np.pi * np.arange(n) / max(n, 1)
    pos = 0.5 + 0.4 * np.column_stack([np.cos(angle), np.sin(angle)])
    index = {a: i for i, a in enumerate(ids)}
    src = np.array([index[a] for a, _, _ in pairs], dtype=int)
    dst = np.array([index[b] for _, b, _ in pairs], dtype=int)
    pull = np.sqrt(np.minimum(np.array([w for _, _, w in pairs], dtype=float), 3.0))
    k = 0.9 * math.sqrt(1.0 / max(n, 1))
    temp = 0.1
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=2), 1e-4)
        disp = (delta / dist[..., None] * (k * k / dist)[..., None]).sum(axis=1)
        if len(src):
            d = pos[src] - pos[dst]
            length = np.maximum(np.linalg.norm(d, axis=1), 1e-4)
            force = d / length[:, None] * (length * length / k * pull)[:, None]
            for axis in (0, 1):
                disp[:, axis] += np.bincount(dst, force[:, axis], n)
                disp[:, axis] -= np.bincount(src, force[:, axis], n)
        disp += (0.5 - pos) * k * 3
        size = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        pos += disp / size[:, None] * np.minimum(size, temp)[:, None]
        temp = max(temp * 0.97, 0.002)
    span = np.maximum(pos.max(axis=0) - pos.min(axis=0), 1e-6)
    unit = (pos - pos.min(axis=0)) / span
    return {a: (float(unit[i, 0]), float(unit[i, 1])) for a, i in index.items()}


def network(
    ties: Iterable[Tie],
    names: dict[str, str],
    limit: int = 40,
    width: int = 960,
    height: int = 620,
) -> Network:
    """Who acts on whom: the ``limit`` most active actors, with one curved edge per direction.

    Edges carry counts of cooperation and conflict events; node size grows with activity.
    """
    coop: dict[tuple[str, str], int] = defaultdict(int)
    conflict: dict[tuple[str, str], int] = defaultdict(int)
    for tie in ties:
        if tie.source != tie.target and tie.coop + tie.conflict > 0:
            coop[(tie.source, tie.target)] += tie.coop
            conflict[(tie.source, tie.target)] += tie.conflict
    activity: dict[str, int] = defaultdict(int)
    for book in (coop, conflict):
        for (a, b), n in book.items():
            activity[a] += n
            activity[b] += n
    ids = sorted(activity, key=lambda a: (-activity[a], names.get(a, a)))[:limit]
    if not ids:
        return Network(width, height, (), ())
    keep = set(ids)
    pairs = sorted(p for p in coop if p[0] in keep and p[1] in keep)  # conflict has the same keys
    weights = [(a, b, float(coop.get((a, b), 0) + conflict.get((a, b), 0))) for a, b in pairs]
    unit = _layout(ids, weights)
    pad = 70
    top = max(activity[a] for a in ids)

    def at(a: str) -> tuple[float, float]:
        u, v = unit[a]
        return pad + u * (width - 2 * pad), pad * 0.6 + v * (height - 1.2 * pad)

    nodes = tuple(
        Node(a, names.get(a, a), round(at(a)[0], 1), round(at(a)[1], 1),
             r=round(5 + 11 * math.sqrt(activity[a] / top), 1))
        for a in ids
    )
    radius = {n.id: n.r for n in nodes}
    edges = []
    for a, b, w in weights:
        (x1, y1), (x2, y2) = at(a), at(b)
        dx, dy = x2 - x1, y2 - y1
        d = max(math.hypot(dx, dy), 1e-6)
        # stop the arrow at the target's rim; bend so a->b and b->a do not overlap
        x2, y2 = x2 - dx / d * (radius[b] + 3), y2 - dy / d * (radius[b] + 3)
        cx, cy = (x1 + x2) / 2 - dy * 0.12, (y1 + y2) / 2 + dx * 0.12
        edges.append(
            Edge(a, b, coop.get((a, b), 0), conflict.get((a, b), 0),
                 f"M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}",
                 round(1.2 + 1.6 * math.log2(w), 2) if w > 1 else 1.2)
        )
    return Network(width, height, nodes, tuple(edges))
