"""``newsgraph demo``: the README's first command, without the web server at the end."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from newsgraph import cli
from newsgraph.store import open_store

STORY = (
    "Port workers strike in Valletta\n\n"
    "By Harbour Wire  May 2, 2024\n\n"
    "Hundreds of port workers walked out in Valletta on Thursday after talks with the "
    "operator Malta Freeport collapsed, union leader Maria Borg said.\n\n"
    '"We will stay out until the company listens," Borg told Reuters.\n'
)


def test_cli_demo_fills_a_sqlite_store_and_prints_each_article(tmp_path: Path) -> None:
    folder = tmp_path / "examples"
    folder.mkdir()
    (folder / "strike.txt").write_text(STORY, encoding="utf-8")
    db = tmp_path / "demo.db"

    result = CliRunner().invoke(cli.app, ["demo", str(folder), "--db", str(db), "--no-serve"])

    assert result.exit_code == 0, result.stderr
    assert "# Port workers strike in Valletta" in result.stdout
    assert "Maria Borg" in result.stdout and "Reuters" in result.stdout
    assert "1 stored, 0 already stored, 0 failed" in result.stderr
    store = open_store(str(db))
    try:
        assert store.counts()["articles"] == 1
    finally:
        store.close()


def test_cli_demo_bundled_examples_all_read(tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parents[1] / "examples"
    result = CliRunner().invoke(
        cli.app, ["demo", str(examples), "--db", str(tmp_path / "demo.db"), "--no-serve"]
    )
    assert result.exit_code == 0, result.stderr
    assert "0 failed" in result.stderr
