"""Raw text pages, each broken in its own way, written for these tests."""

from __future__ import annotations

import pytest

from newsgraph.read.clean import Byline, Page, clean_page, date_line, known_outlet, parse_byline

P1 = (
    "The river port at Lindau is closing for three weeks of repairs, "
    "the harbour office said on Monday."
)
P2 = "Ferry services will run from the old quay at Bregenz instead, and freight will go by rail."
P3 = "Local traders said the closure came at the worst possible time for the summer season."


def _removed(page: Page, kind: str) -> list[str]:
    return [r.text for r in page.removed if r.kind == kind]


def test_clean_headline_printed_twice_and_byline_with_lookalike_letters() -> None:
    page = clean_page(
        "Lindau port closes for repairs\n\nLindau port closes for repairs\n"
        f"By The Guardlan  March 3, 2023\n\n{P1}\n\n{P2}\n"
    )
    assert page.title == "Lindau port closes for repairs"
    assert page.outlet == "The Guardian"
    assert page.published == "2023-03-03"
    assert page.text == f"{P1}\n\n{P2}"
    assert _removed(page, "headline") == ["Lindau port closes for repairs"] * 2
    assert _removed(page, "byline") == ["By The Guardlan March 3, 2023"]


def test_clean_byline_authors_outlet_and_separate_date_line() -> None:
    page = clean_page(
        "Lindau port closes for repairs\nBy Jane Doe and John Roe, Reuters\n"
        f"Published: 08.03.2023 10:32 GMT\n\n{P1}\n\n{P2}"
    )
    assert page.authors == ("Jane Doe", "John Roe")
    assert page.outlet == "Reuters"
    assert page.published == "2023-03-08"
    assert _removed(page, "date") == ["Published: 08.03.2023 10:32 GMT"]
    assert page.text.startswith(P1)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("January 8, 2022", "2022-01-08"),
        ("8 January 2022", "2022-01-08"),
        ("Jan. 8th, 2022", "2022-01-08"),
        ("2022-01-08", "2022-01-08"),
        ("Updated 2022-01-08T10:32:00Z", "2022-01-08"),
        ("08.01.2022", "2022-01-08"),
        ("01/08/2022", "2022-01-08"),
        ("25/12/2021", "2021-12-25"),
        ("Saturday, January 8, 2022 10:32 AM EST", "2022-01-08"),
        ("Published on 8th of January, 2022", "2022-01-08"),
        ("Protests went on for days", None),
        ("Talks resumed on January 8, 2022 in Geneva", None),
    ],
)
def test_clean_date_line_in_many_formats(line: str, expected: str | None) -> None:
    assert date_line(line) == expected


def test_clean_captions_credits_and_bare_urls() -> None:
    page = clean_page(
        "Lindau port closes for repairs\n"
        "Harbour master Eva Roth. / https://example.org/photos/roth.jpg\n"
        f"By Eva Lang\n\n{P1}\n\n"
        "Cranes stand idle at the old quay. (Photo by Max Kern/Getty Images)\n\n"
        f"{P2}\n\nPhoto: Reuters\n\nhttps://example.org/lindau-port\n\n{P3}"
    )
    assert page.text == f"{P1}\n\n{P2}\n\n{P3}"
    assert _removed(page, "caption") == [
        "Harbour master Eva Roth.",
        "Cranes stand idle at the old quay.",
    ]
    assert _removed(page, "credit") == ["(Photo by Max Kern/Getty Images)", "Photo: Reuters"]
    assert _removed(page, "url") == [
        "https://example.org/photos/roth.jpg",
        "https://example.org/lindau-port",
    ]
    assert page.authors == ("Eva Lang",)


def test_clean_subheads_leave_the_body_but_are_kept() -> None:
    page = clean_page(f"Port closes\n\n{P1}\n\nWhat comes next\n\n{P2}\n\n'A bad summer'\n\n{P3}")
    assert _removed(page, "subhead") == ["What comes next", "'A bad summer'"]
    assert page.text.split("\n\n") == [P1, P2, P3]


def test_clean_page_furniture_inside_and_after_the_body() -> None:
    page = clean_page(
        f"Port closes\n\nShare\n\n{P1}\n\nAdvertisement\n\n{P2}\n\n{P3}\n\n"
        "Read more\nNews\nDismiss\nShare on Facebook\n"
    )
    assert page.text.split("\n\n") == [P1, P2, P3]
    assert _removed(page, "furniture") == [
        "Share",
        "Advertisement",
        "Read more",
        "News",
        "Dismiss",
        "Share on Facebook",
    ]


def test_clean_cookie_notice_at_top_and_bottom() -> None:
    notice = "We use cookies to improve your experience. By using this site you accept cookies."
    page = clean_page(f"{notice}\n\nPort closes\n\n{P1}\n\n{P2}\n\nAccept all\n{notice}")
    assert page.title == "Port closes"
    assert page.text == f"{P1}\n\n{P2}"
    assert _removed(page, "cookie") == [notice, notice]


def test_clean_related_story_list_at_the_end() -> None:
    page = clean_page(
        f"Port closes\n\n{P1}\n\n{P2}\n\nRead also: Bregenz quay reopens after storm\n\n{P3}\n\n"
        "Related stories\nLake shipping hit by low water\nFerry fares to rise in May\n"
        "Why are the Alps warming so fast?\n"
    )
    assert page.text.split("\n\n") == [P1, P2, P3]
    assert _removed(page, "related") == [
        "Read also: Bregenz quay reopens after storm",
        "Related stories",
        "Lake shipping hit by low water",
        "Ferry fares to rise in May",
        "Why are the Alps warming so fast?",
    ]


def test_clean_odd_spaces_made_plain_and_invisible_characters_reported() -> None:
    raw = (
        "Port\u00a0closes\n\n"
        "The river port at Lindau\u2009is closing for\u202fthree weeks, the har\u00adbour "
        "office\u200b said on Monday.\n"
    )
    page = clean_page(raw)
    assert page.title == "Port closes"
    assert (
        page.text
        == "The river port at Lindau is closing for three weeks, the harbour office said on Monday."
    )
    assert {r.text for r in page.removed if r.kind == "invisible"} == {
        "SOFT HYPHEN x1",
        "ZERO WIDTH SPACE x1",
    }


def test_clean_nfc_normalises_combining_accents() -> None:
    page = clean_page("Zu\u0308rich harbour office said the port would close for three weeks.")
    assert page.text == "Z\u00fcrich harbour office said the port would close for three weeks."


def test_clean_one_line_text_is_a_body_not_a_headline() -> None:
    page = clean_page("Port at Lindau closes for repairs")
    assert page.title is None
    assert page.text == "Port at Lindau closes for repairs"


def test_clean_hard_wrapped_paragraphs_are_joined() -> None:
    wrapped = (
        "The river port at Lindau is closing for three weeks of repairs,\n"
        "the harbour office said on Monday, and ferry services will run\n"
        "from the old quay at Bregenz instead."
    )
    page = clean_page(f"Port closes\n\n{wrapped}\n\n{P3}")
    assert page.text.split("\n\n")[0] == " ".join(wrapped.split("\n"))


def test_clean_section_label_above_headline_is_furniture() -> None:
    page = clean_page(f"World\n\nPort at Lindau closes for repairs\n\n{P1}\n\n{P2}")
    assert page.title == "Port at Lindau closes for repairs"
    assert _removed(page, "furniture") == ["World"]


@pytest.mark.parametrize(
    "name, expected",
    [
        ("bne IntelIiNews", "bne IntelliNews"),
        ("bne Intel1iNews", "bne IntelliNews"),
        ("Bloornberg", "Bloomberg"),
        ("The Guardlan", "The Guardian"),
        ("Reuters", "Reuters"),
        ("Ian Smith", None),
        ("Intelligent News", None),
    ],
)
def test_clean_known_outlet_repairs_only_into_known_names(name: str, expected: str | None) -> None:
    assert known_outlet(name) == expected


def test_clean_byline_with_unknown_name_is_an_author() -> None:
    byline = parse_byline("By Ian Smith | 3 March 2023")
    assert byline is not None
    assert byline.authors == ("Ian Smith",)
    assert byline.outlet is None
    assert byline.published == "2023-03-03"
    assert parse_byline("Bystanders fled the scene.") is None


def test_clean_byline_name_then_unknown_publisher() -> None:
    byline = parse_byline("By Tomas Weber, Northwind Press  Updated 12.04.2024 18:05 CET")
    assert byline == Byline(("Tomas Weber",), "Northwind Press", "2024-04-12")


def test_clean_list_items_between_paragraphs_stay_in_the_body() -> None:
    page = clean_page(f"Port closes\n\n{P1}\n\n- ferries from Bregenz\n- freight by rail\n\n{P2}")
    assert "- ferries from Bregenz" in page.text.split("\n\n")
    assert not _removed(page, "subhead")


@pytest.mark.parametrize(
    "line, expected",
    [
        ("By Jane Doe | Jan 8, 2022, 10:32 AM ET", Byline(("Jane Doe",), None, "2022-01-08")),
        ("By JANE DOE and JOHN ROE", Byline(("Jane Doe", "John Roe"))),
        ("BY Reuters Staff", Byline((), "Reuters")),
        ("By Jane Doe, Moscow correspondent", Byline(("Jane Doe",))),
        ("By Anneke de Vries", Byline(("Anneke de Vries",))),
        (
            "By Jane Doe, CNN Updated 10:32 AM EST, Sat January 8, 2022",
            Byline(("Jane Doe",), "CNN", "2022-01-08"),
        ),
        ("Written by Jane Doe on 2022-01-08", Byline(("Jane Doe",), None, "2022-01-08")),
    ],
)
def test_clean_bylines_in_many_shapes(line: str, expected: Byline) -> None:
    assert parse_byline(line) == expected
