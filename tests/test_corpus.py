from __future__ import annotations

import pytest

from newsgraph.corpus import duplicates
from newsgraph.corpus.happenings import happening_key
from newsgraph.corpus.identity import (
    Candidate,
    NameKey,
    actor_keys,
    actor_role_keys,
    is_role_reference,
    name_key,
    normalize,
    resolve,
    role_key,
)
from newsgraph.model import Actor, Document, Event, Place, Quote
from newsgraph.store import open_store
from newsgraph.store.synthetic import actor, document, event, quote


def person(name: str, country: str | None = None, sector: str | None = None,
           roles: tuple[str, ...] = ()) -> Actor:
    return Actor("a1", name, "PERSON", (), country, sector, roles)


def candidate(entity_id: int, *names: str, kind: str = "PERSON", country: str | None = None,
              sector: str | None = None) -> Candidate:
    return Candidate(entity_id, kind, country, sector, tuple(name_key(n, kind) for n in names))


@pytest.mark.parametrize("name, expected", [
    ("Kassym-Jomart Tokayev", "kassym jomart tokayev"),
    ("Mr. Ned Price", "ned price"),
    ("Nursultan Nazarbáyev", "nursultan nazarbayev"),
    ("RFE/RL", "rfe rl"),
])
def test_corpus_normalize(name: str, expected: str) -> None:
    assert normalize(name) == expected


def test_corpus_acronym_of_organisation() -> None:
    assert name_key("Collective Security Treaty Organization", "ORG").acronym == "csto"
    assert name_key("Radio Free Europe/Radio Liberty", "ORG").acronym == "rferl"


@pytest.mark.parametrize("name, expected", [
    ("the president", True), ("Kazakhstan's president", True), ("President Tokayev", False),
    ("Tokayev", False),
])
def test_corpus_role_reference(name: str, expected: bool) -> None:
    assert is_role_reference(name) is expected


def test_corpus_role_key_keeps_the_role_not_the_country() -> None:
    assert role_key("Kazakhstan's president", "KAZ") == "role:KAZ:president"
    assert role_key("President", "KAZ") == "role:KAZ:president"


def test_corpus_surname_links_to_the_only_person_with_it() -> None:
    link = resolve(person("Tokayev", "KAZ"), [candidate(7, "Kassym-Jomart Tokayev")])
    assert link is not None and link.entity_id == 7 and not link.exact
    assert "surname" in link.reason


def test_corpus_full_name_is_an_exact_link() -> None:
    link = resolve(person("Kassym-Jomart Tokayev"), [candidate(7, "Kassym-Jomart Tokayev")])
    assert link is not None and link.exact and link.reason == "same name"


@pytest.mark.parametrize("mention, cand", [
    (person("Jane Smith"), candidate(1, "John Smith")),                   # first names differ
    (person("John Smith", "GBR"), candidate(1, "John Smith", country="USA")),  # countries
    (person("John Smith", sector="BUS"), candidate(1, "John Smith", sector="GOV")),  # roles
])
def test_corpus_same_surname_different_people_stay_apart(mention: Actor, cand: Candidate) -> None:
    assert resolve(mention, [cand]) is None


def test_corpus_bare_surname_shared_by_two_people_links_to_neither() -> None:
    cands = [candidate(1, "John Smith"), candidate(2, "Jane Smith")]
    assert resolve(person("Smith"), cands) is None


def test_corpus_a_known_smith_does_not_absorb_another() -> None:
    # An entity known as "Smith" and "John Smith" is not "Jane Smith".
    assert resolve(person("Jane Smith"), [candidate(1, "Smith", "John Smith")]) is None


def test_corpus_initial_agrees_with_given_name() -> None:
    link = resolve(person("J. Smith"), [candidate(1, "John Smith")])
    assert link is not None and link.entity_id == 1


def test_corpus_acronym_links_organisations() -> None:
    org = Actor("a2", "CSTO", "ORG", ())
    link = resolve(org, [candidate(3, "Collective Security Treaty Organization", kind="ORG")])
    assert link is not None and link.reason == "acronym"


def test_corpus_role_reference_links_to_the_only_holder() -> None:
    holder = Candidate(5, "PERSON", "KAZ", "GOV",
                       (name_key("Kassym-Jomart Tokayev", "PERSON"),
                        NameKey(role_key("President", "KAZ"), "", "")))
    assert actor_keys(person("Kazakhstan's president", "KAZ")) == []
    link = resolve(person("Kazakhstan's president", "KAZ"), [holder])
    assert link is not None and link.entity_id == 5
    assert resolve(person("Kazakhstan's president", "KGZ"), [holder]) is None


def test_corpus_groups_need_the_same_country() -> None:
    protesters = Actor("g", "protesters", "GROUP", (), "FRA")
    assert resolve(protesters, [candidate(9, "protesters", kind="GROUP", country="KAZ")]) is None
    assert resolve(protesters, [candidate(9, "protesters", kind="GROUP", country="FRA")])


def test_corpus_role_rows_need_a_country() -> None:
    assert actor_role_keys(person("Ned Price", None, roles=("spokesperson",))) == []
    assert actor_role_keys(person("Ned Price", "USA", roles=("spokesperson",))) == [
        "role:USA:spokesperson"
    ]


BODY = (
    "Farmers blocked the main highway into the capital on Monday, demanding lower fuel prices "
    "and an end to the new tax on fertiliser. Police said about two thousand tractors took part "
    "and that traffic was diverted through the old town. The agriculture minister agreed to "
    "meet union leaders on Thursday, but said the tax would stay in place until the budget "
    "review in the spring."
)


def test_corpus_minhash_tells_a_syndicated_copy_from_another_article() -> None:
    copy = BODY.replace("on Monday", "on Monday morning").replace("two thousand", "2,000")
    other = "The central bank left interest rates unchanged for a third month in a row."
    sig = duplicates.signature(BODY)
    assert duplicates.similarity(sig, duplicates.signature(copy)) >= duplicates.DUPLICATE_THRESHOLD
    assert duplicates.similarity(sig, duplicates.signature(other)) < 0.2
    assert set(duplicates.bands(sig)) & set(duplicates.bands(duplicates.signature(copy)))


def test_corpus_happening_key_groups_equal_facts_only() -> None:
    base = dict(type="PROTEST", source_entity=1, target_entity=2, day="2023-03-06",
                place="Almaty", report="a/e1")
    assert happening_key(**base) == happening_key(**{**base, "report": "b/e1",
                                                     "place": " ALMATY "})
    assert happening_key(**base) != happening_key(**{**base, "day": "2023-03-07"})
    vague = dict(base, source_entity=None, target_entity=None, place=None)
    assert happening_key(**vague) != happening_key(**{**vague, "report": "b/e1"})


# -- across articles in the store ---------------------------------------------------------------

def _article(text: str, published: str, outlet: str, *actors: Actor,
             events: tuple[Event, ...] = (), quotes: tuple[Quote, ...] = ()) -> Document:
    return document(text, title=text[:30], outlet=outlet, published=published,
                    source=f"{outlet}.txt", actors=actors, events=events, quotes=quotes)


def test_corpus_one_actor_across_three_articles(store_url: str) -> None:
    t1 = "Kazakhstan's President Kassym-Jomart Tokayev ordered troops to fire without warning."
    t2 = "Tokayev thanked Russia's Vladimir Putin for sending CSTO troops to Almaty."
    t3 = "Kazakhstan's president said the foreign troops would leave within two days."
    with open_store(store_url) as store:
        store.write(_article(t1, "2022-01-07", "Steppe News",
                             actor(t1, "a1", "Kassym-Jomart Tokayev", country="KAZ",
                                   sector="GOV", roles=("President",))))
        store.write(_article(t2, "2022-01-10", "Wire",
                             actor(t2, "a1", "Tokayev", country="KAZ"),
                             actor(t2, "a2", "Vladimir Putin", country="RUS", sector="GOV")))
        store.write(_article(t3, "2022-01-11", "Daily",
                             actor(t3, "a1", "Kazakhstan's president", country="KAZ",
                                   roles=("president",))))
        found = store.actors("tokayev")
        assert found.total == 1
        detail = store.actor(found.items[0].id)
        assert detail is not None
        assert detail.actor.name == "Kassym-Jomart Tokayev"
        assert detail.actor.articles == 3
        assert {"Tokayev", "Kassym-Jomart Tokayev", "Kazakhstan's president"} <= set(detail.names)
        president = next(r for r in detail.roles if r.role == "President")
        assert president.first_seen == "2022-01-07"
        reasons = sorted(m.link_reason for m in detail.mentions)
        assert reasons[0] == "new" and any("surname" in r for r in reasons)
        assert len([m for m in detail.merges if m.automatic]) == 2


def test_corpus_same_surname_different_people_are_two_actors(store_url: str) -> None:
    t1 = "John Smith, the finance minister, presented the budget."
    t2 = "Jane Smith, a striking nurse, spoke outside the hospital."
    with open_store(store_url) as store:
        store.write(_article(t1, "2023-01-01", "A", actor(t1, "a1", "John Smith", country="GBR",
                                                          sector="GOV")))
        store.write(_article(t2, "2023-01-02", "B", actor(t2, "a1", "Jane Smith", country="GBR",
                                                          sector="CVL")))
        assert store.actors("smith").total == 2


def test_corpus_merge_and_undo(store_url: str) -> None:
    t1 = "Nursultan Nazarbayev stepped down as head of the security council."
    t2 = "Elbasy, the former leader, has not been seen in public since Wednesday."
    with open_store(store_url) as store:
        store.write(_article(t1, "2022-01-05", "A", actor(t1, "a1", "Nursultan Nazarbayev",
                                                          country="KAZ")))
        store.write(_article(t2, "2022-01-08", "B", actor(t2, "a1", "Elbasy", country="KAZ")))
        naz = store.actors("nazarbayev").items[0].id
        elbasy = store.actors("elbasy").items[0].id
        assert naz != elbasy
        m = store.merge(naz, elbasy, reason="Elbasy is Nazarbayev's title")
        assert len(m.members) == 1 and not m.automatic and m.from_entity == elbasy
        assert store.actors("elbasy").items[0].id == naz
        assert store.actor(elbasy).actor.id == naz
        with pytest.raises(ValueError):
            store.merge(naz, elbasy)
        undone = store.undo_merge(m.id)
        assert undone.undone_at is not None
        assert store.actors("elbasy").items[0].id == elbasy
        assert store.actor(naz).actor.articles == 1
        with pytest.raises(ValueError):
            store.undo_merge(m.id)


def test_corpus_undo_an_automatic_link_splits_the_mention_out(sqlite_url: str) -> None:
    t1 = "Ned Price, the State Department spokesperson, urged restraint."
    t2 = "Price said Washington was watching closely."
    with open_store(sqlite_url) as store:
        store.write(_article(t1, "2022-01-06", "A", actor(t1, "a1", "Ned Price", country="USA")))
        doc2 = _article(t2, "2022-01-07", "B", actor(t2, "a1", "Price"),
                        quotes=(quote(t2, "q1", "Washington was watching closely", "a1"),))
        store.write(doc2)
        ned = store.actors("ned price").items[0]
        assert ned.articles == 2
        auto = next(m for m in store.merges(ned.id) if m.automatic)
        store.undo_merge(auto.id)
        assert store.actor(ned.id).actor.articles == 1
        split = store.article_entities(doc2.article.id)["a1"]
        assert split != ned.id
        assert store.quotes().items[0].speaker_entity == split


def test_corpus_syndicated_copy_is_stored_once_with_both_sources(store_url: str) -> None:
    copy = BODY.replace("on Monday", "on Monday morning").replace("two thousand", "2,000")
    with open_store(store_url) as store:
        assert store.write(_article(BODY, "2023-02-06", "Farm Wire"))
        assert store.write(_article(copy, "2023-02-06", "Evening Post"))
        counts = store.counts()
        assert counts["articles"] == 1 and counts["duplicates"] == 1
        original = document(BODY).article.id
        assert {s.outlet for s in store.sources(original)} == {"Farm Wire", "Evening Post"}
        assert store.articles().total == 1


def test_corpus_one_happening_told_by_two_reports(store_url: str) -> None:
    t1 = "Protesters marched on the akimat in Almaty on Wednesday, police said."
    t2 = "In Almaty, demonstrators marched on the city hall on Wednesday."
    place = Place("Almaty", "KAZ")

    def doc(text: str, name: str, outlet: str) -> Document:
        return _article(text, "2022-01-06", outlet,
                        actor(text, "g1", name, "GROUP", country="KAZ"),
                        events=(event(text, "e1", "PROTEST", "marched", source="g1",
                                      date="2022-01-05", place=place),))

    with open_store(store_url) as store:
        store.write(doc(t1, "Protesters", "A"))
        store.write(doc(t2, "protesters", "B"))
        counts = store.counts()
        assert counts["event_reports"] == 2 and counts["happenings"] == 1
        (h,) = store.happenings().items
        assert h.reports == 2 and h.type == "PROTEST" and h.date == "2022-01-05"
