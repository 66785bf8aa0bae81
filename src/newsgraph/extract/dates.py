"""Date expressions resolved to calendar dates with a precision.

``resolve_date`` is the pure core: one expression ("January 7", "the previous day", "this
week", "last month", "on Monday", "in 2016"), the publication date and the nearest earlier
explicit date (the *anchor*) in, a ``(date, precision)`` out, or None when the expression names
no date we can place. ``find_dates`` runs it over the DATE entities of a parsed Doc, carrying the
anchor forward as explicit dates appear.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser
from spacy.tokens import Doc, Span, Token

from newsgraph.extract.token_table import doc_text
from newsgraph.model import DatePrecision
from newsgraph.months import MONTH_PATTERN, MONTHS

__all__ = ["DateMention", "find_dates", "parse_published", "resolve_date"]

_WEEKDAYS = {
    d: i
    for i, d in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_DAY_MONTH_YEAR = re.compile(
    rf"^(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{MONTH_PATTERN})\.?"
    rf"|(?P<m2>{MONTH_PATTERN})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)"
    r"(?:,?\s+(?P<y>\d{4}))?$"
)
_MONTH_YEAR = re.compile(rf"^(?P<m>{MONTH_PATTERN})\.?(?:,?\s+(?:of\s+)?(?P<y>\d{{4}}))?$")
_YEAR = re.compile(r"^(?:the\s+year\s+)?(?P<y>(?:1[89]|20)\d\d)$")
_ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)")
_RELATIVE_DAY = {
    "today": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "the previous day": -1,
    "the day before": -1,
    "a day earlier": -1,
    "a day before": -1,
    "the next day": 1,
    "the following day": 1,
    "a day later": 1,
    "the day after": 1,
}
_AGO = re.compile(
    r"^(?P<n>\d+|\w+)\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>ago|earlier|later)$"
)
_THIS_LAST_NEXT = re.compile(
    r"^(?P<rel>this|last|next|the previous|the following|the past|earlier this|later this)\s+"
    r"(?P<unit>week|month|year|weekend)$"
)
_WEEKDAY = re.compile(
    rf"^(?:(?P<rel>last|this|next|on|this past|the previous|the following)\s+)?"
    rf"(?P<wd>{'|'.join(_WEEKDAYS)})(?:\s+(?P<part>morning|afternoon|evening|night))?$"
)
_YEAR_SPAN = re.compile(r"\b(?:1[89]|20)\d\d\s*(?:-|–|to|and|until|through)\s*(?:1[89]|20)?\d\d\b")
_RANGE_LINKS = frozenset({"to", "until", "till", "through", "and", "-", "–"})
_DECADE = re.compile(r"\d0'?s\b|centur")
_LEADING = re.compile(r"^(?:on|in|at|since|from|by|until|during|as of|of)\s+", re.I)
_RELATIVE_TO_ANCHOR = ("previous", "before", "earlier", "next", "following", "later", "after")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression in the text (``start:end`` characters) and what it resolves to."""

    start: int
    end: int
    text: str
    date: date
    precision: DatePrecision
    explicit: bool
    relative: bool = False  # counted from an earlier date: "the previous day", "a week later"

    def iso(self) -> str:
        return self.date.isoformat()


def parse_published(published: str | None) -> date | None:
    """The calendar date of an ISO 8601 publication date or date-time, or None."""
    m = _ISO.match(published or "")
    if not m:
        return None
    try:
        return date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None


def resolve_date(
    expr: str, published: date | None, anchor: date | None = None, *, future: bool = False
) -> tuple[date, DatePrecision] | None:
    """Resolve one date expression.

    ``published`` fixes the year of "January 7" and the meaning of "this week", "last month",
    "on Monday"; ``anchor`` (the nearest explicit date before the expression) is what "the
    previous day" or "three days later" counts from, and without one they stay unresolved (a
    day after what, the text does not say). Without a publication date only absolute dates
    resolve.
    ``future`` makes "Monday" the next Monday rather than the last one.
    """
    text = " ".join(expr.lower().replace("’", "'").split())
    text = _LEADING.sub("", text).strip(" ,.")
    if m := _ISO.match(text):
        try:
            return date(int(m["y"]), int(m["m"]), int(m["d"])), "day"
        except ValueError:
            return None
    if m := _DAY_MONTH_YEAR.match(text):
        month = MONTHS[m["m1"] or m["m2"]]
        day = int(m["d1"] or m["d2"])
        return _month_day(month, day, int(m["y"]) if m["y"] else None, published, future)
    if m := _MONTH_YEAR.match(text):
        month = MONTHS[m["m"]]
        if m["y"]:
            return date(int(m["y"]), month, 1), "month"
        if published is None:
            return None
        year = published.year - (1 if month > published.month and not future else 0)
        return date(year, month, 1), "month"
    if m := _YEAR.match(text):
        return date(int(m["y"]), 1, 1), "year"
    if published is None:
        return None
    return _relative(text, published, anchor, future)


def _month_day(
    month: int, day: int, year: int | None, published: date | None, future: bool
) -> tuple[date, DatePrecision] | None:
    if year is None:
        if published is None:
            return None
        year = published.year
        # "December 30" in an article of January 8 is last year's, unless it is a plan.
        if (
            not future
            and (month, day) > (published.month, published.day)
            and (month - published.month) % 12 > 6
        ):
            year -= 1
        elif future and (month, day) < (published.month, published.day):
            year += 1
    try:
        return date(year, month, day), "day"
    except ValueError:
        return None


def _relative(
    text: str, published: date, anchor: date | None, future: bool
) -> tuple[date, DatePrecision] | None:
    if text in _RELATIVE_DAY:
        base = anchor if any(w in text for w in _RELATIVE_TO_ANCHOR) else published
        return (base + timedelta(days=_RELATIVE_DAY[text]), "day") if base else None
    if m := _WEEKDAY.match(text):
        return _weekday(_WEEKDAYS[m["wd"]], m["rel"], published, future), "day"
    if m := _THIS_LAST_NEXT.match(text):
        return _period(m["rel"], m["unit"], published)
    if m := _AGO.match(text):
        n = int(m["n"]) if m["n"].isdigit() else _NUMBERS.get(m["n"])
        if n is None:
            return None
        sign = 1 if m["dir"] == "later" else -1
        base = published if m["dir"] == "ago" else anchor
        return _shift(base, m["unit"], sign * n) if base else None
    return _fallback(text, published)


def _weekday(wd: int, rel: str | None, published: date, future: bool) -> date:
    back = (published.weekday() - wd) % 7
    if rel in ("next", "the following") or (future and rel not in ("last", "this past")):
        return published + timedelta(days=(wd - published.weekday()) % 7 or 7)
    if rel in ("last", "the previous", "this past") and back == 0:
        back = 7
    return published - timedelta(days=back)


def _period(rel: str, unit: str, published: date) -> tuple[date, DatePrecision] | None:
    step = {"last": -1, "the previous": -1, "the past": -1, "next": 1, "the following": 1}
    n = step.get(rel, 0)
    if unit == "weekend":
        saturday = published - timedelta(days=(published.weekday() - 5) % 7)
        return saturday + timedelta(weeks=n), "day"
    if unit == "week":
        monday = published - timedelta(days=published.weekday())
        return monday + timedelta(weeks=n), "week"
    if unit == "month":
        first = _shift(published.replace(day=1), "month", n)
        return (first[0], "month") if first else None
    return date(published.year + n, 1, 1), "year"


def _shift(base: date, unit: str, n: int) -> tuple[date, DatePrecision] | None:
    if unit == "day":
        return base + timedelta(days=n), "day"
    if unit == "week":
        return base + timedelta(weeks=n), "week"
    if unit == "month":
        months = base.year * 12 + base.month - 1 + n
        return date(months // 12, months % 12 + 1, 1), "month"
    return date(base.year + n, 1, 1), "year"


def _fallback(text: str, published: date) -> tuple[date, DatePrecision] | None:
    """dateparser for what the rules above do not cover ("two days ago", "mid-March")."""
    if (
        _DECADE.search(text)
        or not any(ch.isdigit() for ch in text)
        and not any(w in text.split() for w in (*MONTHS, *_WEEKDAYS, "ago", "yesterday"))
    ):
        return None
    data = _parser_for(published).get_date_data(text)
    if data.date_obj is None:
        return None
    period = data.period if data.period in ("day", "week", "month", "year") else "day"
    return data.date_obj.date(), period  # type: ignore[return-value]


@lru_cache(maxsize=32)
def _parser_for(published: date) -> DateDataParser:
    base = datetime(published.year, published.month, published.day)
    return DateDataParser(
        languages=["en"], settings={"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base}
    )


def find_dates(
    doc: Doc, published: date | None, ents: Sequence[Span] | None = None
) -> list[DateMention]:
    """Every DATE entity of ``doc`` that resolves, in text order (``ents``: ``doc.ents``, when
    the caller has them).

    Relative expressions count from the nearest explicit day-precision date before them;
    expressions in future-tense clauses ("will meet on Monday") look forward.
    """
    found: list[DateMention] = []
    anchor: date | None = None
    dates = [ent for ent in (doc.ents if ents is None else ents) if ent.label_ == "DATE"]
    ranges = _year_ranges(doc, dates)
    for ent in dates:
        if ent.start in ranges:
            continue
        resolved = resolve_date(ent.text, published, anchor, future=_is_future(ent))
        if resolved is None:
            continue
        relative = _relative_words(ent.text)
        explicit = resolve_date(ent.text, published, None) is not None and not relative
        mention = DateMention(ent.start_char, ent.end_char, ent.text, *resolved, explicit, relative)
        found.append(mention)
        if explicit and mention.precision == "day":
            anchor = mention.date
    return found


def _year_ranges(doc: Doc, dates: list[Span]) -> set[int]:
    """Where the DATE entities that make a span of years start: "from 2005 to 2009", "between
    2005 and 2009", "2005-2009". Such a span tells how long something lasted (a tenure, a
    war), not when an event happened."""
    found = {ent.start for ent in dates if _YEAR_SPAN.search(ent.text)}
    for first, second in zip(dates, dates[1:], strict=False):
        between = doc_text(doc)[first.end_char : second.start_char].strip().lower()
        before = doc[first.start - 1].lower_ if first.start > 0 else ""
        if (
            between in _RANGE_LINKS
            and (before in ("from", "between") or between in ("-", "–"))
            and _YEAR.match(first.text.strip())
            and _YEAR.match(second.text.strip())
        ):
            found.update((first.start, second.start))
    return found


def _relative_words(text: str) -> bool:
    words = set(text.lower().split())
    return bool(words & {"previous", "before", "earlier", "next", "following", "later", "after"})


def _is_future(ent: Span) -> bool:
    head: Token = ent.root.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall") for c in head.children)
