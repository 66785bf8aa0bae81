from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph import cli
from test_engine_local import TEXTS, MemoryStore


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for i, text in enumerate(TEXTS[:3], 1):
        (folder / f"story{i}.txt").write_text(text + "\n", encoding="utf-8")
    (folder / "blank.txt").write_text("  \n", encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    return folder


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> MemoryStore:
    memory = MemoryStore()
    opened: list[str] = []

    def open_store(url: str) -> MemoryStore:
        opened.append(url)
        return memory

    monkeypatch.setattr(cli, "open_store", open_store)
    memory.opened = opened  # type: ignore[attr-defined]
    return memory


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli.app, ["ingest", *args])
    return result.exit_code, result.stderr


def test_ingest_stores_articles_reports_bad_inputs_and_fails(
    corpus: Path, store: MemoryStore
) -> None:
    code, err = run(str(corpus), "--db", "sqlite:///x.db", "--workers", "1")
    assert code == 1
    assert len(store.docs) == 3 and store.closed
    assert store.opened == ["sqlite:///x.db"]  # type: ignore[attr-defined]
    errors = [line for line in err.splitlines() if "error" in line]
    assert len(errors) == 2
    assert any("blank.txt" in line and "empty" in line for line in errors)
    assert any("notes.docx" in line and "unknown file type" in line for line in errors)
    assert "3 stored, 0 already stored, 2 failed" in err


def test_ingest_second_run_resumes_without_redoing_anything(
    corpus: Path, store: MemoryStore
) -> None:
    (corpus / "blank.txt").unlink()
    (corpus / "notes.docx").unlink()
    assert run(str(corpus), "--workers", "2")[0] == 0
    (corpus / "story4.txt").write_text(TEXTS[3], encoding="utf-8")
    code, err = run(str(corpus), "--workers", "2")
    assert code == 0
    assert "1 stored, 3 already stored, 0 failed" in err
    assert store.writes == 4


def test_ingest_store_that_cannot_open_is_one_line_and_exit_1(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsgraph.errors import StoreError

    def broken(url: str) -> MemoryStore:
        raise StoreError(f"{url}: cannot open the database")

    monkeypatch.setattr(cli, "open_store", broken)
    url = "sqlite:////nonexistent/dir/x.db"
    code, err = run(str(corpus), "--db", url)
    assert code == 1
    assert err.strip() == f"newsgraph: error: {url}: cannot open the database"
