"""Publication dates written in any common way, found in a line and returned as ISO 8601 dates."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from time import struct_time

import dateparser

from newsgraph.months import MONTH_PATTERN

_MONTH = rf"(?:{MONTH_PATTERN})\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE_RE = re.compile(
    rf"\b(?:{_MONTH}\s+{_DAY},?\s+\d{{4}}"  # January 8, 2022 / Jan. 8th 2022
    rf"|{_DAY}\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"  # 8 January 2022
    rf"|\d{{1,2}}-{_MONTH}-\d{{4}}"  # 8-Jan-2022
    r"|\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{4}/\d{1,2}/\d{1,2}"
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{4})"  # 08/01/2022, 8.1.2022
    r"(?:\b|(?=\d{1,2}:\d{2}))",  # a time glued on by copy-paste: "March 3, 202311:42 AM"
    re.IGNORECASE,
)
_NUMERIC_RE = re.compile(r"(\d{1,2})([./-])(\d{1,2})[./-](\d{4})")


def find_date(line: str) -> tuple[str, re.Match[str]] | None:
    """The first publication date written in ``line`` (ISO ``YYYY-MM-DD``) and where it is."""
    for match in _DATE_RE.finditer(line):
        iso = parse_date(match.group(0))
        if iso:
            return iso, match
    return None


def parse_date(text: str) -> str | None:
    """ISO date of an absolute date such as "Jan. 8th, 2022" or "08.01.2022"; None otherwise.

    All-numeric dates are read day first with dots (European) or when the first number is over
    12, month first otherwise (as in "01/08/2022" in US English).
    """
    text = text.strip()
    numeric = _NUMERIC_RE.fullmatch(text)
    if numeric:
        first, sep, second, year = numeric.groups()
        day_first = sep == "." or int(first) > 12
        day, month = (first, second) if day_first else (second, first)
        try:
            return date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            return None
    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"},
    )
    return parsed.date().isoformat() if parsed else None


def iso_date(value: object) -> str | None:
    """A date given by a feed or record (ISO text, free text, datetime or struct_time) as ISO."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, struct_time):  # feedparser's dates, always UTC
        return datetime(*value[:6], tzinfo=UTC).isoformat()
    text = str(value).strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        if re.match(r"\d{4}-\d{1,2}-\d{1,2}\b", text):
            return None  # ISO-shaped but impossible ("2022-02-31", "2022-13-01"): no date
    parsed = dateparser.parse(text, settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.isoformat() if parsed else None
