"""Bad input: each gets a one-line InputError naming the input, and the batch goes on."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsgraph.errors import (
    BadRecord,
    BinaryInput,
    EmptyInput,
    EncodingError,
    InputError,
    NoArticle,
    TooLarge,
    UnknownFormat,
)
from newsgraph.model import Article
from newsgraph.read import iter_articles
from newsgraph.read.files import MAX_ARTICLE_BYTES, decode

GOOD = "The harbour office at Lindau said on Monday that the port would close for repairs."


def _one_error(path: Path) -> InputError:
    """The only item read from ``path`` followed by a good file: an error, and the batch goes on."""
    good = path.parent / "zz-good.txt"
    good.write_text(GOOD, encoding="utf-8")
    error, article = list(iter_articles([path, good]))
    assert isinstance(article, Article)
    assert isinstance(error, InputError), error
    message = str(error)
    assert "\n" not in message and message.startswith(f"{path}: ")
    return error


@pytest.mark.parametrize("content", [b"", b"  \n\t\n "])
def test_bad_input_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert isinstance(_one_error(path), EmptyInput)


def test_bad_input_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert isinstance(_one_error(path), BinaryInput)


def test_bad_input_binary_file_with_unknown_suffix(tmp_path: Path) -> None:
    path = tmp_path / "archive.bin"
    path.write_bytes(bytes(range(256)) * 8)
    assert isinstance(_one_error(path), UnknownFormat)


def test_bad_input_non_utf8_text_is_decoded_and_said(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "latin1.txt"
    text = "Der Hafen in Lindau schließt für drei Wochen, sagte das Hafenamt am Montag. " * 3
    path.write_bytes(text.encode("cp1252"))
    [article] = list(iter_articles([path]))
    assert isinstance(article, Article)
    assert "schließt für drei Wochen" in article.text
    assert f"{path}: not UTF-8; decoded as" in caplog.text


def test_bad_input_undecodable_bytes_are_refused() -> None:
    with pytest.raises((EncodingError, BinaryInput)) as info:
        decode(b"\xff\xfe\xfa" + bytes(range(0x80, 0x100)) * 3, "x.txt")
    assert str(info.value).startswith("x.txt: ")


def test_bad_input_html_with_no_article(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>", "utf-8"
    )
    assert isinstance(_one_error(path), NoArticle)


def test_bad_input_50_mb_text_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing written
    error = _one_error(path)
    assert isinstance(error, TooLarge) and "MB limit" in str(error)


def test_bad_input_gzip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(b"<p>" + b"a " * (MAX_ARTICLE_BYTES // 2 + 10) + b"</p>"))
    assert isinstance(_one_error(path), TooLarge)


def test_bad_input_jsonl_line_not_json_and_batch_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text('{"text": "' + GOOD + '"}\n{"text": oops}\n{"text": "' + GOOD + '"}\n', "utf-8")
    good, bad, again = iter_articles([path])
    assert isinstance(good, Article) and isinstance(again, Article)
    assert isinstance(bad, BadRecord)
    assert str(bad).startswith(f"{path}#2: not JSON") and "\n" not in str(bad)


def test_bad_input_unknown_file_type(tmp_path: Path) -> None:
    path = tmp_path / "slides.pptx"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)))
    error = _one_error(path)
    assert isinstance(error, UnknownFormat) and "'.pptx'" in str(error)


def test_bad_input_missing_file(tmp_path: Path) -> None:
    assert isinstance(_one_error(tmp_path / "nowhere.txt"), UnknownFormat)


def test_bad_input_page_of_only_furniture(tmp_path: Path) -> None:
    path = tmp_path / "buttons.txt"
    path.write_text("Share\nRead more\nDismiss\n", "utf-8")
    assert isinstance(_one_error(path), NoArticle)


def test_bad_input_broken_feed(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><title>x</title>", "utf-8")
    assert isinstance(_one_error(path), BadRecord)


@pytest.mark.parametrize(
    "content",
    [
        b"this is not a WARC file\n",
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9\r\n\r\nabc",
    ],
)
def test_bad_input_broken_warc(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(content)
    [error] = list(iter_articles([path]))
    assert isinstance(error, BadRecord) and str(error).startswith(f"{path}#1: ")


def test_bad_input_text_in_a_file_type_no_reader_handles(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text("name,country\nTokayev,KAZ\n", "utf-8")
    error = _one_error(path)
    assert isinstance(error, UnknownFormat) and "'.csv'" in str(error)


def test_bad_input_gzip_cut_short_after_good_records(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl.gz"
    lines = "".join('{"text": "' + GOOD + f' {n}"}}\n' for n in range(200)).encode()
    path.write_bytes(gzip.compress(lines)[:-200])
    items = list(iter_articles([path]))
    assert isinstance(items[0], Article)
    assert isinstance(items[-1], InputError) and str(items[-1]).startswith(f"{path}: cannot read")
