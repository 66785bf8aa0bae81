"""The web UI's pure functions: highlighting, chart and network geometry, roles, links."""

from __future__ import annotations

import pytest

from newsgraph.model import EVENT_TYPES
from newsgraph.web.charts import Tie, event_polarity, event_quad, network, timeline_chart
from newsgraph.web.highlight import Mark, context, segment
from newsgraph.web.pages import marked, safe_url

TEXT = 'Mayor Ana Ruiz said: "The bridge will reopen on Monday." Unions blocked the road.'


@pytest.mark.parametrize(
    "event_type, polarity, quad",
    [
        ("AGREE", "coop", "vcoop"),
        ("AID", "coop", "mcoop"),
        ("RETREAT", "coop", "mcoop"),
        ("REQUEST", "conflict", "vconflict"),
        ("THREATEN", "conflict", "vconflict"),
        ("PROTEST", "conflict", "mconflict"),
        ("ASSAULT", "conflict", "mconflict"),
    ],
)
def test_web_ui_event_classes(event_type: str, polarity: str, quad: str) -> None:
    assert event_polarity(event_type) == polarity
    assert event_quad(event_type) == quad


def test_web_ui_event_classes_follow_cameo_quads() -> None:
    coop = [t for t in EVENT_TYPES if event_polarity(t) == "coop"]
    assert coop == list(EVENT_TYPES[:7])  # REQUEST is CAMEO 10, demand: verbal conflict


def test_web_ui_segment_nests_actor_inside_quote() -> None:
    name = TEXT.index("Ana Ruiz")
    quote = TEXT.index('"The')
    quote_end = TEXT.index('."') + 2
    marks = [
        Mark(name, name + 8, "actor", "a1", href="/actors/3"),
        Mark(quote, quote_end, "quote", "q1"),
        Mark(quote + 5, quote + 11, "actor", "a2"),  # "bridge", inside the quote
    ]
    pieces = segment(TEXT, marks)
    assert "".join(p.text for p in pieces) == TEXT
    by_text = {p.text: p for p in pieces}
    assert by_text["Ana Ruiz"].mark("actor") is not None
    assert by_text["Ana Ruiz"].mark("actor").href == "/actors/3"  # type: ignore[union-attr]
    bridge = by_text["bridge"]
    assert {m.kind for m in bridge.marks} == {"quote", "actor"}
    assert bridge.css == "hl-quote hl-actor"
    assert by_text['"The '].opens == (marks[1],)
    assert by_text[" will reopen on Monday.\""].opens == ()


def test_web_ui_segment_handles_overlaps_and_drops_bad_spans() -> None:
    marks = [
        Mark(0, 14, "actor", "a1"),
        Mark(6, 20, "event", "e1"),  # overlaps the actor without nesting
        Mark(10, 5, "event", "bad"),  # reversed
        Mark(70, 999, "quote", "past-the-end"),
        Mark(-3, 2, "quote", "negative"),
    ]
    pieces = segment(TEXT, marks)
    assert "".join(p.text for p in pieces) == TEXT
    assert [(p.start, p.text, [m.ref for m in p.marks]) for p in pieces[:3]] == [
        (0, "Mayor ", ["a1"]),
        (6, "Ana Ruiz", ["a1", "e1"]),
        (14, " said:", ["e1"]),
    ]
    assert all(m.ref in {"a1", "e1"} for p in pieces for m in p.marks)


def test_web_ui_segment_without_marks_is_one_piece() -> None:
    assert [p.text for p in segment(TEXT, [])] == [TEXT]
    assert segment("", []) == []


def test_web_ui_timeline_stacks_days_by_quad() -> None:
    chart = timeline_chart(
        [
            ("2022-01-05", "PROTEST", 2),
            ("2022-01-05", "AGREE", 1),
            ("2022-01-07", "ASSAULT", 1),
            (None, "AID", 3),  # undated: not drawn
            ("2022-02-31", "AID", 1),  # impossible: not drawn
        ]
    )
    assert chart.unit == "day" and chart.total == 4
    assert [t.label for t in chart.ticks] == ["05 Jan 2022", "06 Jan 2022", "07 Jan 2022"]
    day5 = [b for b in chart.bars if b.label == "2022-01-05"]
    assert sorted((b.quad, b.count) for b in day5) == [("mconflict", 2), ("vcoop", 1)]
    tallest = max(b.height for b in chart.bars)
    assert sum(b.height for b in day5) == pytest.approx(chart.height - 40, abs=0.1)
    assert tallest < chart.height
    assert day5[0].href == "/events?since=2022-01-05&until=2022-01-05"


def test_web_ui_timeline_uses_months_for_long_spans() -> None:
    chart = timeline_chart(
        [("2019-03-02", "AID", 1), ("2022-11-30", "ACCUSE", 1), ("2021-06", "AID", 1)]
    )
    assert chart.unit == "month" and chart.total == 3
    assert {b.label for b in chart.bars} == {
        "2019-03-01 to 2019-03-31", "2021-06-01 to 2021-06-30", "2022-11-01 to 2022-11-30",
    }


def test_web_ui_timeline_empty() -> None:
    assert timeline_chart([]).bars == ()


def test_web_ui_network_colours_edges_by_polarity() -> None:
    links = [
        Tie("1", "2", 0, 3),
        Tie("2", "1", 0, 1),
        Tie("1", "3", 2, 0),
        Tie("3", "2", 1, 1),
        Tie("4", "4", 1, 0),  # self-loops are left out
        Tie("5", "6", 0, 0),  # nothing happened: no edge, no nodes
    ]
    net = network(links, {"1": "Police", "2": "Protesters", "3": "Red Cross"})
    assert {n.id for n in net.nodes} == {"1", "2", "3"}
    edges = {(e.source, e.target): e for e in net.edges}
    assert edges[("1", "2")].polarity == "conflict" and edges[("1", "2")].conflict == 3
    assert edges[("1", "3")].polarity == "coop"
    assert edges[("3", "2")].polarity == "mixed"
    assert edges[("1", "2")].width > edges[("2", "1")].width
    for n in net.nodes:
        assert 0 < n.x < net.width and 0 < n.y < net.height
    # a second call lays the graph out identically
    again = network(links, {"1": "Police", "2": "Protesters", "3": "Red Cross"})
    assert [(n.x, n.y) for n in again.nodes] == [(n.x, n.y) for n in net.nodes]


def test_web_ui_network_keeps_the_most_active() -> None:
    links = [Tie("hub", str(i), 1, 0) for i in range(60)]
    net = network(links, {}, limit=10)
    assert len(net.nodes) == 10 and net.nodes[0].id == "hub"
    assert all(e.source == "hub" for e in net.edges)


def test_web_ui_context_is_the_sentence_around_a_span() -> None:
    text = "First sentence here. Police fired tear gas at the crowd. Then it rained."
    start = text.index("fired")
    assert context(text, start, start + 5) == "Police fired tear gas at the crowd."


def test_web_ui_marked_snippet() -> None:
    assert marked("the bridge will reopen", [(4, 10), (16, 22)]) == (
        ("the ", False), ("bridge", True), (" will ", False), ("reopen", True),
    )
    assert marked("no hits", []) == (("no hits", False),)


@pytest.mark.parametrize(
    "url, safe",
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", None),
        (" JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//evil.example/x", None),
        ("http://[::1", None),
        (None, None),
    ],
)
def test_web_ui_only_http_links_leave_the_page(url: str | None, safe: str | None) -> None:
    assert safe_url(url) == safe
