"""English month names and their abbreviations, shared by the publication-date reader
(``read.dates``) and the event-date resolver (``extract.dates``)."""

from __future__ import annotations

__all__ = ["MONTHS", "MONTH_PATTERN"]

#: Lowercase month name or abbreviation -> month number.
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for name in names
}

#: A regex alternation of every key of ``MONTHS``, longest first; match it on lowercased text
#: or with ``re.IGNORECASE``.
MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))
