"""Article extraction accuracy of newsgraph's HTML reader, next to plain trafilatura.

Body F1 with the scrapinghub benchmark's own shingle measure (its ``evaluate.py``, imported from
``../shared``) on all 181 pages, and publication-date accuracy on htmldate-mediacloud's 200
pages. Both extractors run in the same process on the same decoded pages.

    uv run python bench/extraction.py [--data ../shared/data/article-extraction]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import trafilatura
from htmldate import find_date

from newsgraph.errors import InputError
from newsgraph.read.html import article_from_html, html_text, page_date

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "article-extraction"
Extractor = Callable[[str, str], str]


def load_evaluate(data: Path) -> ModuleType:
    """The benchmark's own ``evaluate.py``, imported from the data folder."""
    spec = importlib.util.spec_from_file_location("scrapinghub_evaluate", data / "evaluate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pages(folder: Path, names: dict[str, str]) -> dict[str, str]:
    """Decoded HTML of each page, by key (``names`` maps key to file name)."""
    return {
        key: html_text(gzip.decompress((folder / "html" / name).read_bytes()), name)
        for key, name in names.items()
    }


def newsgraph_body(html: str, url: str) -> str:
    try:
        return article_from_html(html, url, url=url).text
    except InputError:
        return ""


def trafilatura_body(html: str, url: str) -> str:
    text: str | None = trafilatura.extract(html, url=url, include_comments=False)
    return text or ""


def body_f1(data: Path) -> None:
    folder = data / "scrapinghub"
    evaluate = load_evaluate(folder)
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    html = pages(folder, {key: f"{key}.html.gz" for key in truth})
    print(f"Body F1 on scrapinghub ({len(truth)} pages, the benchmark's shingle measure)")
    print(f"  {'extractor':<22} {'F1':>6} {'precision':>10} {'recall':>7} {'seconds':>8}")
    seconds: dict[str, float] = {}
    for name, extract in (("newsgraph", newsgraph_body), ("trafilatura (plain)", trafilatura_body)):
        start = time.perf_counter()
        predicted = {k: {"articleBody": extract(html[k], truth[k]["url"])} for k in truth}
        seconds[name] = time.perf_counter() - start
        m = evaluate.evaluate(truth, predicted, n_bootstrap=0)
        print(
            f"  {name:<22} {m['f1']:6.3f} {m['precision']:10.3f} {m['recall']:7.3f}"
            f" {seconds[name]:8.1f}"
        )
    ratio = seconds["newsgraph"] / seconds["trafilatura (plain)"]
    print(
        f"  newsgraph takes {ratio:.1f}x plain trafilatura's time: two extraction passes, plus "
        "metadata, date and language"
    )


def date_accuracy(data: Path) -> None:
    folder = data / "htmldate-mediacloud"
    gold = json.loads((folder / "dates.json").read_text(encoding="utf-8"))
    html = pages(folder, {url: entry["file"] + ".gz" for url, entry in gold.items()})
    print(
        f"Publication date accuracy on htmldate-mediacloud ({len(gold)} pages, exact day; "
        "a page with no gold date expects none)"
    )
    extractors: dict[str, Callable[[str, str], str | None]] = {
        "newsgraph": page_date,
        "htmldate (defaults)": lambda page, url: find_date(page, url=url),
    }
    for name, extract in extractors.items():
        right = sum(extract(html[url], url) == _date(entry) for url, entry in gold.items())
        print(f"  {name:<22} {right / len(gold):6.3f}  ({right}/{len(gold)})")


def _date(entry: dict[str, object]) -> object:
    """The gold date; pages with none (NaN in ``dates.json``) expect no date to be found."""
    date = entry.get("date")
    return date if isinstance(date, str) else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="article-extraction folder")
    args = parser.parse_args()
    body_f1(args.data)
    date_accuracy(args.data)


if __name__ == "__main__":
    main()
