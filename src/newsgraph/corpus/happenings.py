"""One happening, many reports: the key that groups events told by different articles.

Two event reports are one happening when they have the same type, the same source and target
corpus actors, the same day and the same place. A report that names neither actor nor place is
too vague to be matched and stays a happening of its own.
"""

from __future__ import annotations

import unicodedata


def happening_key(
    *,
    type: str,
    source_entity: int | None,
    target_entity: int | None,
    day: str | None,
    place: str | None,
    report: str,
) -> str:
    """The grouping key. ``day`` is the event's date, else the article's; ``report`` is
    ``article_id/event_id``, used only when the event cannot be matched to others."""
    place_key = _norm(place)
    if source_entity is None and target_entity is None and not place_key:
        return f"{type}|report:{report}"
    return "|".join(
        (type, _part(source_entity), _part(target_entity), (day or "")[:10], place_key)
    )


def _part(entity: int | None) -> str:
    return "" if entity is None else str(entity)


def _norm(text: str | None) -> str:
    if not text:
        return ""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(folded.casefold().split())
