from datetime import date

import pytest
from spacy.language import Language

from newsgraph.extract.dates import find_dates, parse_published, resolve_date

PUBLISHED = date(2022, 1, 8)  # a Saturday


@pytest.mark.parametrize(
    "expr, anchor, expected",
    [
        ("January 7", None, (date(2022, 1, 7), "day")),
        ("on January 7", None, (date(2022, 1, 7), "day")),
        ("7 January 2021", None, (date(2021, 1, 7), "day")),
        ("Jan. 5, 2020", None, (date(2020, 1, 5), "day")),
        ("December 30", None, (date(2021, 12, 30), "day")),
        ("the previous day", date(2022, 1, 7), (date(2022, 1, 6), "day")),
        ("the next day", date(2022, 1, 2), (date(2022, 1, 3), "day")),
        ("yesterday", None, (date(2022, 1, 7), "day")),
        ("this week", None, (date(2022, 1, 3), "week")),
        ("last week", None, (date(2021, 12, 27), "week")),
        ("last month", None, (date(2021, 12, 1), "month")),
        ("on Monday", None, (date(2022, 1, 3), "day")),
        ("Saturday", None, (date(2022, 1, 8), "day")),
        ("last Saturday", None, (date(2022, 1, 1), "day")),
        ("in 2016", None, (date(2016, 1, 1), "year")),
        ("last year", None, (date(2021, 1, 1), "year")),
        ("in March", None, (date(2021, 3, 1), "month")),
        ("March 2019", None, (date(2019, 3, 1), "month")),
        ("two days ago", None, (date(2022, 1, 6), "day")),
        ("2021-11-30", None, (date(2021, 11, 30), "day")),
    ],
)
def test_resolve_date(expr: str, anchor: date | None, expected: tuple[date, str]) -> None:
    assert resolve_date(expr, PUBLISHED, anchor) == expected


@pytest.mark.parametrize("expr", ["the 1990s", "recent days", "a long time", "decades"])
def test_resolve_date_gives_none_for_no_date(expr: str) -> None:
    assert resolve_date(expr, PUBLISHED) is None


def test_without_publication_date_only_absolute_dates_resolve() -> None:
    assert resolve_date("January 7, 2022", None) == (date(2022, 1, 7), "day")
    assert resolve_date("in 2016", None) == (date(2016, 1, 1), "year")
    assert resolve_date("January 7", None) is None
    assert resolve_date("this week", None) is None
    assert resolve_date("the previous day", None) is None


@pytest.mark.parametrize("expr", ["the next day", "the previous day", "three days later"])
def test_a_day_counted_from_no_earlier_date_stays_unresolved(expr: str) -> None:
    assert resolve_date(expr, PUBLISHED) is None  # a day after what? not the publication


def test_find_dates_leaves_a_day_counted_from_nothing_unresolved(pipeline: Language) -> None:
    doc = pipeline("Troops were sent to the city. They opened fire the next day.")
    assert find_dates(doc, PUBLISHED) == []


def test_future_weekday_looks_forward() -> None:
    assert resolve_date("on Monday", PUBLISHED, future=True) == (date(2022, 1, 10), "day")


def test_parse_published() -> None:
    assert parse_published("2022-01-08T10:00:00+00:00") == date(2022, 1, 8)
    assert parse_published("yesterday") is None
    assert parse_published(None) is None


def test_find_dates_counts_the_previous_day_from_the_nearer_explicit_date(
    pipeline: Language,
) -> None:
    doc = pipeline(
        "Reporters said on January 5 that the talks had started. "
        "A witness said on January 7 that soldiers had fired on a crowd the previous day."
    )
    found = {m.text: (m.iso(), m.precision) for m in find_dates(doc, PUBLISHED)}
    assert found["January 7"] == ("2022-01-07", "day")
    assert found["the previous day"] == ("2022-01-06", "day")


def test_find_dates_future_clause(pipeline: Language) -> None:
    doc = pipeline("The ministers will meet on Monday in Geneva.")
    assert [(m.iso(), m.precision) for m in find_dates(doc, PUBLISHED)] == [("2022-01-10", "day")]
