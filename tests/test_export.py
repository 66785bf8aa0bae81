from __future__ import annotations

import csv
import json
from pathlib import Path

import jsonschema
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.model import Document, Place
from newsgraph.store import open_store
from newsgraph.store.codes import fips_country
from newsgraph.store.export import GDELT_COLUMNS, gdelt_tsv, write_jsonl, write_tables
from newsgraph.store.synthetic import actor, document, event, quote

T1 = ("Striking dockers in Mombasa accused the port authority of breaking its promises. "
      "\"We will not go back to work,\" said union leader Grace Okafor on Tuesday.")
T2 = ("Dockers in Mombasa accused the Kenya Ports Authority of broken promises on Tuesday, "
      "while the authority threatened to hire replacement workers.")


def _docs() -> list[Document]:
    place = Place("Mombasa", "KEN", -4.05, 39.67)
    d1 = document(
        T1, title="Dockers strike", outlet="Coast Daily", published="2024-05-07",
        url="https://coast.example/strike",
        actors=(actor(T1, "a1", "dockers", "GROUP", country="KEN"),
                actor(T1, "a2", "Kenya Ports Authority", "ORG", country="KEN", sector="GOV",
                      aliases=("port authority",)),
                actor(T1, "a3", "Grace Okafor", country="KEN", sector="CVL",
                      roles=("union leader",))),
        quotes=(quote(T1, "q1", "We will not go back to work,", "a3", cue="said"),),
        events=(event(T1, "e1", "ACCUSE", "accused", source="a1", target="a2",
                      date="2024-05-07", place=place, cameo="112"),),
    )
    d2 = document(
        T2, title="Port threatens to replace strikers", outlet="Wire", published="2024-05-07",
        actors=(actor(T2, "a1", "Dockers", "GROUP", country="KEN"),
                actor(T2, "a2", "Kenya Ports Authority", "ORG", country="KEN", sector="GOV")),
        events=(event(T2, "e1", "ACCUSE", "accused", source="a1", target="a2",
                      date="2024-05-07", place=place),
                event(T2, "e2", "THREATEN", "threatened", source="a2", target="a1",
                      date="2024-05-07", place=place)),
    )
    hypothetical = document(
        "The union said it might occupy the terminal next week.", published="2024-05-08",
        actors=(actor("The union said it might occupy the terminal next week.", "a1",
                      "union", "GROUP", country="KEN"),),
    )
    hyp_event = event(hypothetical.article.text, "e1", "PROTEST", "occupy", source="a1",
                      date="2024-05-15")
    from dataclasses import replace
    hypothetical = replace(hypothetical, events=(replace(hyp_event, hypothetical=True),))
    return [d1, d2, hypothetical]


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.db"
    with open_store(str(path)) as store:
        for doc in _docs():
            store.write(doc)
    return path


def test_export_jsonl_round_trips_schema_1(store_path: Path, tmp_path: Path,
                                           schema: dict[str, object]) -> None:
    out = tmp_path / "docs.jsonl"
    with open_store(str(store_path)) as store, out.open("w") as f:
        assert write_jsonl(store.engine, f) == 3
    lines = out.read_text().splitlines()
    for line in lines:
        jsonschema.validate(json.loads(line), schema)
    assert {Document.from_json(line) for line in lines} == set(_docs())


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_tables(store_path: Path, tmp_path: Path, fmt: str) -> None:
    with open_store(str(store_path)) as store:
        paths = write_tables(store.engine, tmp_path / "out", fmt)
    assert set(paths) == {"articles", "actors", "mentions", "quotes", "events"}

    def rows(name: str) -> list[dict[str, object]]:
        if fmt == "parquet":
            rows: list[dict[str, object]] = pq.read_table(paths[name]).to_pylist()
            return rows
        with paths[name].open(newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))

    assert len(rows("articles")) == 3
    assert len(rows("events")) == 4
    (q,) = rows("quotes")
    assert q["text"] == "We will not go back to work,"
    okafor = next(r for r in rows("mentions") if r["name"] == "Grace Okafor")
    assert okafor["roles"] == "union leader"
    names = [r["name"] for r in rows("actors")]
    assert names.count("Kenya Ports Authority") == 1  # one corpus actor for both articles


def test_export_gdelt_has_the_61_columns_and_one_row_per_happening(store_path: Path) -> None:
    with open_store(str(store_path)) as store:
        lines = gdelt_tsv(store.engine).splitlines()
    assert len(GDELT_COLUMNS) == 61
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in lines]
    assert len(rows) == 2  # the accusation told twice, the threat; not the hypothetical protest
    accuse = next(r for r in rows if r["EventRootCode"] == "11")
    assert accuse["SQLDATE"] == "20240507" and accuse["MonthYear"] == "202405"
    assert accuse["EventCode"] == "112" and accuse["EventBaseCode"] == "112"
    assert accuse["QuadClass"] == "3" and float(accuse["GoldsteinScale"]) < 0
    assert (accuse["NumMentions"], accuse["NumArticles"], accuse["NumSources"]) == ("2", "2", "2")
    assert accuse["Actor1Name"] == "DOCKERS" and accuse["Actor2Code"] == "KENGOV"
    assert accuse["Actor2CountryCode"] == "KEN"
    assert accuse["ActionGeo_FullName"] == "Mombasa" and accuse["ActionGeo_CountryCode"] == "KE"
    assert float(accuse["ActionGeo_Lat"]) == pytest.approx(-4.05)
    assert accuse["SOURCEURL"] == "https://coast.example/strike"
    threat = next(r for r in rows if r["EventRootCode"] == "13")
    assert threat["Actor1Name"] == "KENYA PORTS AUTHORITY" and threat["NumMentions"] == "1"


@pytest.mark.parametrize(("alpha3", "fips"), [
    ("KEN", "KE"), ("DEU", "GM"), ("GBR", "UK"), ("AUT", "AU"), ("AUS", "AS"), ("XXX", ""),
])
def test_gdelt_geography_uses_fips_country_codes(alpha3: str, fips: str) -> None:
    assert fips_country(alpha3) == fips


def test_export_cli(store_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--db", str(store_path)])
    assert result.exit_code == 0, result.output
    assert len([line for line in result.stdout.splitlines() if line.startswith("{")]) == 3
    out = tmp_path / "events.tsv"
    result = runner.invoke(app, ["export", "-f", "gdelt", "-o", str(out), "--db", str(store_path)])
    assert result.exit_code == 0 and len(out.read_text().splitlines()) == 2
    result = runner.invoke(app, ["export", "-f", "parquet", "-o", str(tmp_path / "pq"),
                                 "--db", str(store_path)])
    assert result.exit_code == 0 and (tmp_path / "pq" / "events.parquet").exists()


@pytest.mark.parametrize("command", ["export", "serve"])
def test_export_and_serve_refuse_a_missing_store(tmp_path: Path, command: str) -> None:
    missing = tmp_path / "nothing.db"
    result = CliRunner().invoke(app, [command, "--db", str(missing)])
    assert result.exit_code == 1
    assert "nothing.db: no such store" in result.output
    assert not missing.exists()
