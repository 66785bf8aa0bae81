"""Every person and organisation of the seed article is one actor with the right country,
sector and roles; pronouns and noun phrases go to the right actor. The raw page is read and
cleaned by newsgraph's own text reader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import newsgraph
from newsgraph.model import Actor, Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "samples" / "kazakhstan-2022-01-08.txt"

EXPECTED: list[tuple[str, str, str | None, str | None, str | None]] = [
    # name, kind, country, sector, a role it must have
    ("Kassym-Jomart Tokayev", "PERSON", "KAZ", "GOV", "President"),
    ("Mukhtar Ablyazov", "PERSON", "KAZ", "OPP", "former Kazakh energy minister"),
    ("Nursultan Nazarbayev", "PERSON", "KAZ", "GOV", "former Kazakh president"),
    ("Vladimir Putin", "PERSON", "RUS", "GOV", "President"),
    ("Ned Price", "PERSON", "USA", "GOV", "spokesperson"),
    ("Ben Godwin", "PERSON", "GBR", "BUS", "political risk consultant"),
    ("Aigerim Tuleuzhanova", "PERSON", "KAZ", "OPP", "activist"),
    ("AFP", "ORG", "FRA", "MED", None),
    ("Reuters", "ORG", "GBR", "MED", None),
    ("RFE/RL", "ORG", "USA", "MED", None),
    ("Canadian Broadcasting Corporation", "ORG", "CAN", "MED", None),
    ("Collective Security Treaty Organization", "ORG", None, "IGO", None),
    ("BTA Bank", "ORG", "KAZ", "BUS", None),
    ("Democratic Choice of Kazakhstan", "ORG", "KAZ", "OPP", None),
    ("PRISM", "ORG", "GBR", None, None),
    ("Democratic Party", "ORG", "KAZ", "OPP", None),
    ("US State Department", "ORG", "USA", "GOV", None),
    ("Kazakhstan", "GPE", "KAZ", "GOV", None),
    ("Russia", "GPE", "RUS", "GOV", None),
    ("the West", "GROUP", None, None, None),
]


@pytest.fixture(scope="module")
def seed() -> Document:
    if not SEED.exists():
        pytest.skip("seed article not available")
    return next(newsgraph.analyze_articles(newsgraph.iter_articles([str(SEED)])))


def by_name(doc: Document, name: str) -> Actor:
    found = [a for a in doc.actors if a.name == name]
    assert len(found) == 1, f"{name!r}: {[a.name for a in doc.actors]}"
    return found[0]


@pytest.mark.parametrize(("name", "kind", "country", "sector", "role"), EXPECTED)
def test_seed_actor(
    seed: Document, name: str, kind: str, country: str | None, sector: str | None, role: str | None
) -> None:
    actor = by_name(seed, name)
    assert (actor.kind, actor.country, actor.sector) == (kind, country, sector)
    if role:
        assert role in actor.roles


def test_seed_one_actor_per_entity(seed: Document) -> None:
    names = [a.name for a in seed.actors]
    assert len(names) == len(set(names))
    for short in ("Tokayev", "Ablyazov", "Putin", "CSTO", "CBC", "QDT", "Tuleuzhanova", "Kazakh"):
        assert short not in names
    assert {"CSTO"} == set(by_name(seed, "Collective Security Treaty Organization").aliases)


def test_seed_coreference(seed: Document) -> None:
    text = seed.article.text

    def owner(fragment: str, word: str) -> str:
        at = text.index(fragment) + re.search(rf"\b{word}\b", fragment).start()  # type: ignore[union-attr]
        actor = newsgraph.extract.actors.actor_at(seed.actors, at, at + len(word))
        return actor.name if actor else "-"

    assert owner("He has instructed", "He") == "Kassym-Jomart Tokayev"
    assert owner("minister, he headed", "he") == "Mukhtar Ablyazov"
    assert owner("an “occupation”, he said", "he") == "Mukhtar Ablyazov"
    assert owner("impose his programme", "his") == "Vladimir Putin"
    assert owner("but he has presented", "he") == "Kassym-Jomart Tokayev"
    assert owner("told how its correspondent", "its") == "RFE/RL"
    assert owner("interviewed an activist", "an activist") == "Aigerim Tuleuzhanova"
    assert owner("He added", "He") == "Ben Godwin"
    assert owner("said it was closely", "it") == "US"


def test_seed_headline_role(seed: Document) -> None:
    ablyazov = by_name(seed, "Mukhtar Ablyazov")
    assert {"former Kazakh energy minister", "fugitive", "Fugitive banker"} <= set(ablyazov.roles)
