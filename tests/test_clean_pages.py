"""Raw text pages, each broken in its own way, written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.read.clean import (
    Byline,
    Page,
    clean_page,
    date_line,
    known_outlet,
    parse_byline,
    repair_lookalikes,
)

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
        ("8-Jan-2022", "2022-01-08"),
        ("Sat, 08 Jan 2022 10:32:00 GMT", "2022-01-08"),
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


def test_clean_date_printed_under_the_article() -> None:
    page = clean_page(f"Port closes\n\n{P1}\n\n{P2}\n\nFirst published on 3 March 2023\nShare")
    assert page.published == "2023-03-03"
    assert _removed(page, "date") == ["First published on 3 March 2023"]
    assert page.text == f"{P1}\n\n{P2}"


def test_clean_headline_that_asks_a_question() -> None:
    page = clean_page(
        f"Will the Lindau port closure hurt the summer season on the lake?\n\n{P1}\n\n{P2}"
    )
    assert page.title == "Will the Lindau port closure hurt the summer season on the lake?"
    assert page.text == f"{P1}\n\n{P2}"


def test_clean_article_about_cookies_keeps_its_paragraphs() -> None:
    about = "Regulators said the companies had placed tracking cookies without asking users first."
    page = clean_page(f"Port closes\n\n{P1}\n\n{about}\n\n{P2}")
    assert about in page.text.split("\n\n")


def test_clean_lookalike_letters_repaired_into_words_the_article_uses() -> None:
    body = "Eva Roth, the harbour master in Lindau, said the quay would reopen in April."
    page = clean_page(f"Harbour master Eva R0th says Lindau quay will reopen\n\n{body}\n\n{P2}")
    assert page.title == "Harbour master Eva Roth says Lindau quay will reopen"
    assert page.text.startswith(body)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("AbIyazov spoke", "Ablyazov spoke"),
        ("Ab1yazov spoke", "Ablyazov spoke"),
        ("In Iran, McIntyre spoke", "In Iran, McIntyre spoke"),  # nothing to repair into
        ("G20 and F1 and Covid19", "G20 and F1 and Covid19"),
        ("IntelIiNews", "IntelliNews"),
    ],
)
def test_clean_repair_lookalikes_only_into_known_words(text: str, expected: str) -> None:
    vocabulary = "Ablyazov and IntelliNews in Iran; McIntyre."
    assert repair_lookalikes(text, vocabulary) == expected


PAGES = Path(__file__).parent / "pages"


def test_clean_wire_copy_with_tagline_glued_date_and_end_credits() -> None:
    page = clean_page((PAGES / "wire-copy.txt").read_text(encoding="utf-8"))
    assert page.title == "Ukraine says it repelled overnight drone attack on Kyiv"
    assert page.authors == ("Jane Doe", "John Roe")
    assert page.outlet == "Reuters"  # from the dateline "KYIV, March 3 (Reuters) -"
    assert page.published == "2023-03-03"
    assert page.text.startswith("KYIV, March 3 (Reuters) - Ukraine's air force")
    assert page.text.endswith("did not immediately respond to a request for comment.")
    assert _removed(page, "credit") == ["Reporting by Jane Doe; Editing by John Roe"]
    assert "Exclusive news, data and analytics for financial market professionals" in _removed(
        page, "furniture"
    )


def test_clean_byline_without_by_and_topic_list_after_the_body() -> None:
    page = clean_page((PAGES / "no-by-byline.txt").read_text(encoding="utf-8"))
    assert page.title == "Dutch farmers block motorways in protest over nitrogen rules"
    assert page.authors == ("Jan Jansen",)
    assert page.published == "2022-06-22"
    assert _removed(page, "credit") == ["Photograph: Remko de Waal/ANP/AFP/Getty Images"]
    assert page.text.split("\n\n")[0].startswith("Thousands of Dutch farmers")
    assert len(page.text.split("\n\n")) == 2
    assert {"Netherlands", "Farming", "Share", "Reuse this content"} <= set(
        _removed(page, "furniture")
    )


def test_clean_hard_wrap_test_keeps_short_lines_apart() -> None:
    page = clean_page(
        f"Port closes\n\n{P1}\n\nReporting by Jane Doe; Editing by John Roe\n"
        "Our Standards: The Lake Courier Trust Principles."
    )
    assert page.text == P1
    assert _removed(page, "credit") == ["Reporting by Jane Doe; Editing by John Roe"]


def test_clean_opinion_column_with_standfirst_and_caption_printed_twice() -> None:
    page = clean_page((PAGES / "opinion-column.txt").read_text(encoding="utf-8"))
    assert page.title == "Why the port strike matters for every household"
    assert page.authors == ("Maria Lopez",)
    assert page.published == "2024-04-06"
    assert _removed(page, "standfirst") == [
        "Rising shipping costs will be felt far beyond the docks, writes Maria Lopez"
    ]
    assert (
        _removed(page, "caption")
        == ["Container ships wait outside the harbour at Norfolk, Virginia."] * 2
    )
    assert _removed(page, "credit") == ["Photo by Sam Reed for The Daily Ledger"]
    paragraphs = page.text.split("\n\n")
    assert paragraphs[0] == "When dock workers walk out, most people shrug. They should not."
    assert paragraphs[-1] == "Both sides should go back to the table."
    assert "Story continues below advertisement" in _removed(page, "furniture")
