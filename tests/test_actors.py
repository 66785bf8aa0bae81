"""The actors component on short hand-written articles: names, roles, countries, sectors,
coreference and NER repair."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.extract.actors import actor_at, find_actors
from newsgraph.model import Actor


def actors_of(pipeline: Language, text: str) -> list[Actor]:
    return find_actors(pipeline(text))


def named(actors: list[Actor], name: str) -> Actor:
    found = [a for a in actors if a.name == name or name in a.aliases]
    assert len(found) == 1, f"{name!r} in {[a.name for a in actors]}"
    return found[0]


def mention_texts(actor: Actor) -> list[str]:
    return [m.text for m in actor.mentions]


def test_premodifier_title_country_and_short_name(pipeline: Language) -> None:
    actors = actors_of(
        pipeline,
        "Kazakhstan's authoritarian President Kassym-Jomart Tokayev spoke on Friday. "
        "Tokayev said order had been restored.",
    )
    tokayev = named(actors, "Kassym-Jomart Tokayev")
    assert tokayev.kind == "PERSON"
    assert "President" in tokayev.roles
    assert (tokayev.country, tokayev.sector) == ("KAZ", "GOV")
    assert mention_texts(tokayev) == ["Kassym-Jomart Tokayev", "Tokayev"]
    assert tokayev.aliases == ("Tokayev",)


def test_apposition_role_and_affiliation(pipeline: Language) -> None:
    actors = actors_of(
        pipeline,
        "Ben Godwin, a political risk consultant with London-based PRISM, said the mood was tense.",
    )
    godwin = named(actors, "Ben Godwin")
    assert godwin.roles == ("political risk consultant",)
    prism = named(actors, "PRISM")
    assert prism.kind == "ORG" and prism.country == "GBR"
    assert godwin.country == "GBR"


def test_organisation_premodifier_gives_country_and_sector(pipeline: Language) -> None:
    actors = actors_of(
        pipeline, "US State Department spokesperson Ned Price said Washington was watching closely."
    )
    price = named(actors, "Ned Price")
    assert price.roles == ("spokesperson",)
    assert (price.country, price.sector) == ("USA", "GOV")
    assert named(actors, "US State Department").sector == "GOV"


def test_fronted_apposition_describes_the_pronoun(pipeline: Language) -> None:
    actors = actors_of(
        pipeline,
        "Mukhtar Ablyazov now lives in France. A former Kazakh energy minister, he headed "
        "a large bank for four years.",
    )
    ablyazov = named(actors, "Mukhtar Ablyazov")
    assert "former Kazakh energy minister" in ablyazov.roles
    assert ablyazov.country == "KAZ"
    assert "he" in mention_texts(ablyazov)
    assert all(a.kind != "PERSON" or a is ablyazov for a in actors)


def test_bracketed_description_and_brackets_stripped(pipeline: Language) -> None:
    actors = actors_of(
        pipeline,
        '"If they do not act, [Russian President Vladimir] Putin will impose his plan," the '
        "exiled banker said.",
    )
    putin = named(actors, "Vladimir Putin")
    assert putin.kind == "PERSON"
    assert "President" in putin.roles
    assert (putin.country, putin.sector) == ("RUS", "GOV")
    assert "his" in mention_texts(putin)


def test_acronym_in_brackets_is_the_same_organisation(pipeline: Language) -> None:
    actors = actors_of(
        pipeline,
        "Troops of the Collective Security Treaty Organization (CSTO) arrived on Thursday. "
        "The CSTO said its mission would be short.",
    )
    csto = named(actors, "Collective Security Treaty Organization")
    assert csto.aliases == ("CSTO",)
    assert csto.sector == "IGO"
    assert mention_texts(csto)[-2:] == ["CSTO", "its"]


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Reuters reported the clashes on Monday.", "Reuters", "GBR"),
        ("AFP reported the clashes on Monday.", "AFP", "FRA"),
        ("RFE/RL said its reporters were detained.", "RFE/RL", "USA"),
        (
            "The strike was reported by the Canadian Broadcasting Corporation (CBC) on Monday.",
            "Canadian Broadcasting Corporation",
            "CAN",
        ),
    ],
)
def test_news_agencies_and_broadcasters_are_media(
    pipeline: Language, text: str, name: str, country: str
) -> None:
    outlet = named(actors_of(pipeline, text), name)
    assert (outlet.kind, outlet.sector, outlet.country) == ("ORG", "MED", country)


def test_he_and_she_resolve_across_sentences(pipeline: Language) -> None:
    actors = actors_of(
        pipeline,
        "Mr Daniel Okoro met Ms Lena Varga in Vienna on Tuesday. He said the talks had gone "
        "well. She said nothing about her plans.",
    )
    okoro, varga = named(actors, "Daniel Okoro"), named(actors, "Lena Varga")
    assert "He" in mention_texts(okoro)
    assert {"She", "her"} <= set(mention_texts(varga))
    assert "She" not in mention_texts(okoro)


def test_pronoun_prefers_the_subject_of_the_previous_sentence(pipeline: Language) -> None:
    actors = actors_of(
        pipeline,
        "Carlos Mendes accused Pedro Alves of fraud on Monday. He said the evidence was clear.",
    )
    assert "He" in mention_texts(named(actors, "Carlos Mendes"))
    assert "He" not in mention_texts(named(actors, "Pedro Alves"))


def test_definite_title_refers_back_to_the_named_person(pipeline: Language) -> None:
    actors = actors_of(
        pipeline,
        "Kenyan President William Ruto visited Nairobi's port on Monday. The president "
        "promised new jobs.",
    )
    ruto = named(actors, "William Ruto")
    assert "The president" in mention_texts(ruto)
    assert ruto.country == "KEN"


def test_definite_body_refers_back_to_the_named_ministry(pipeline: Language) -> None:
    actors = actors_of(
        pipeline,
        "The Russian Foreign Ministry summoned the ambassador on Monday. The ministry said "
        "the talks had failed.",
    )
    ministry = next(a for a in actors if "Ministry" in a.name)
    assert "The ministry" in mention_texts(ministry)


def test_unnamed_speaker_introduced_then_named(pipeline: Language) -> None:
    actors = actors_of(
        pipeline,
        "The radio station interviewed an activist with the Green Party who was at the square. "
        "Anna Petrova said the police had fired first.",
    )
    activist = named(actors, "Anna Petrova")
    assert "activist" in activist.roles
    assert "an activist" in mention_texts(activist)


def test_groups_with_sectors(pipeline: Language) -> None:
    actors = actors_of(
        pipeline,
        "Protesters clashed with security forces in Almaty on Wednesday. Soldiers later "
        "opened fire, and the West called for restraint.",
    )
    by_name = {a.name: a for a in actors}
    assert by_name["Protesters"].sector == "OPP" and by_name["Protesters"].kind == "GROUP"
    assert by_name["security forces"].sector == "MIL"
    assert by_name["Soldiers"].sector == "MIL"
    assert "the West" in by_name
    assert "Almaty" not in by_name  # a place where something happens, not an actor


def test_nationality_adjectives_are_not_actors_but_give_countries(pipeline: Language) -> None:
    actors = actors_of(
        pipeline,
        "Young Kazakh activists marched on Friday. Kazakh police detained dozens of them.",
    )
    assert all(a.name != "Kazakh" for a in actors)
    activists = next(a for a in actors if a.name.endswith("activists"))
    assert activists.country == "KAZ"


def test_country_acting_as_a_state(pipeline: Language) -> None:
    actors = actors_of(
        pipeline, "Kazakhstan has tried him in absentia, and France refused to extradite him."
    )
    kaz = named(actors, "Kazakhstan")
    assert (kaz.kind, kaz.country, kaz.sector) == ("GPE", "KAZ", "GOV")


def test_ids_in_order_and_spans_match_the_text(pipeline: Language) -> None:
    text = (
        "Reuters said on Monday that Maria Lopez, a spokeswoman for the Spanish government, "
        "had resigned. She denied any wrongdoing."
    )
    actors = actors_of(pipeline, text)
    assert [a.id for a in actors] == [f"a{i}" for i in range(1, len(actors) + 1)]
    firsts = [a.mentions[0].start for a in actors]
    assert firsts == sorted(firsts)
    for a in actors:
        for m in a.mentions:
            assert text[m.start : m.end] == m.text


def test_actor_at_maps_a_pronoun_span(pipeline: Language) -> None:
    text = "Ned Price spoke in Washington. He said the deployment raised questions."
    actors = actors_of(pipeline, text)
    start = text.index("He said")
    found = actor_at(actors, start, start + 2)
    assert found is not None and found.name == "Ned Price"
    assert actor_at(actors, 0, 0) is None


def test_possessor_run_into_a_name_is_split(pipeline: Language) -> None:
    actors = actors_of(
        pipeline, "The Green Party's Jill Stein said on Monday that she would stay in the race."
    )
    stein = named(actors, "Jill Stein")
    assert stein.kind == "PERSON"
    assert stein.sector is None  # POL is police: a party gives no sector unless it is opposition
    assert named(actors, "Green Party").kind == "ORG"
    assert "she" in mention_texts(stein)


def test_gender_from_first_names(pipeline: Language) -> None:
    actors = actors_of(
        pipeline,
        "Maria Ivanova and Sergei Volkov spoke at the forum on Monday. She said the reform was "
        "overdue. He disagreed with her.",
    )
    assert {"She", "her"} <= set(mention_texts(named(actors, "Maria Ivanova")))
    assert "He" in mention_texts(named(actors, "Sergei Volkov"))


def test_they_refers_to_a_group(pipeline: Language) -> None:
    actors = actors_of(
        pipeline, "Protesters gathered outside parliament on Sunday. They demanded new elections."
    )
    protesters = next(a for a in actors if a.name == "Protesters")
    assert mention_texts(protesters) == ["Protesters", "They"]


def test_the_company_refers_back_to_a_named_firm(pipeline: Language) -> None:
    actors = actors_of(
        pipeline,
        "Rosneft said on Monday that its output had risen. The company expects further growth.",
    )
    rosneft = named(actors, "Rosneft")
    assert {"its", "The company"} <= set(mention_texts(rosneft))
    assert rosneft.sector == "BUS"


def test_possessive_pronoun_in_apposition_gives_the_employer(pipeline: Language) -> None:
    actors = actors_of(
        pipeline,
        "The Central Bank of Kenya held its key rate on Tuesday. Its governor, Kamau Thugge, said "
        "inflation was easing.",
    )
    thugge = named(actors, "Kamau Thugge")
    assert "governor" in thugge.roles
    assert (thugge.country, thugge.sector) == ("KEN", "GOV")


def test_acronym_after_a_name_spacy_cut_short(pipeline: Language) -> None:
    actors = actors_of(
        pipeline,
        "Observers from the Organization for Security and Co-operation in Europe (OSCE) arrived "
        "on Friday. The OSCE said the vote had been calm.",
    )
    osce = named(actors, "OSCE")
    assert osce.name == "Organization for Security and Co-operation in Europe"
    assert osce.sector == "IGO"


@pytest.mark.parametrize(
    ("text", "name", "sector"),
    [
        ("Opposition leader Ilya Petrov called for a boycott.", "Ilya Petrov", "OPP"),
        ("Union leader Aliya Nurova said the strike would go on.", "Aliya Nurova", "CVL"),
        ("Police spokesman Ivan Sokolov said two men were held.", "Ivan Sokolov", "POL"),
    ],
)
def test_generic_title_takes_its_modifiers_sector(
    pipeline: Language, text: str, name: str, sector: str
) -> None:
    assert named(actors_of(pipeline, text), name).sector == sector


def test_headline_role_for_a_person_named_in_the_text(pipeline: Language) -> None:
    from newsgraph.model import Article

    doc = pipeline.make_doc("Mukhtar Ablyazov said on Friday that the regime was nearing its end.")
    doc._.article = Article(text=doc.text, title="Fugitive banker Ablyazov lays claim to power")
    ablyazov = named(find_actors(pipeline(doc)), "Mukhtar Ablyazov")
    assert "Fugitive banker" in ablyazov.roles
    assert ablyazov.sector is None  # a headline's terse label does not set the sector


def test_relative_pronoun_is_a_mention_of_its_antecedent(pipeline: Language) -> None:
    text = "Tokayev, who took office in 2019, ordered the troops to fire."
    tokayev = named(actors_of(pipeline, text), "Tokayev")
    assert "who" in mention_texts(tokayev)


def test_party_members_are_a_group_without_a_sector(pipeline: Language) -> None:
    actors = actors_of(
        pipeline, "Republicans blocked the bill on Tuesday, and Democrats walked out."
    )
    republicans = named(actors, "Republicans")
    assert (republicans.kind, republicans.sector) == ("GROUP", None)


def test_party_the_text_calls_banned_is_opposition_a_ruling_one_has_no_sector(
    pipeline: Language,
) -> None:
    actors = actors_of(
        pipeline,
        "A former energy minister, Ivan Orlov leads the Democratic Union of Moldova (DUM) "
        "party, banned in his homeland. The ruling Unity Party won the vote.",
    )
    assert named(actors, "Democratic Union of Moldova").sector == "OPP"
    assert named(actors, "Unity Party").sector is None


def test_untagged_speaker_name(pipeline: Language) -> None:
    text = "The vote was close. Beck Pimentel said the count had been fair."
    speaker = actor_at(actors_of(pipeline, text), text.index("Beck"), text.index(" said"))
    assert speaker is not None and speaker.kind == "PERSON"


def test_countries_acted_upon_and_collectives_are_actors(pipeline: Language) -> None:
    actors = actors_of(
        pipeline,
        "Some European countries accused Russia of meddling. A Chadian armed group sent "
        "fighters to Libya. A group of soldiers guarded the palace in Almaty.",
    )
    names = {a.name for a in actors}
    assert {"Russia", "Libya"} <= names  # objects of an act, not only subjects
    mentions = {m for a in actors for m in mention_texts(a)}
    assert {"Some European countries", "A Chadian armed group"} <= mentions
    assert "Almaty" not in names
    assert not any(n.lower().endswith(" group") and "armed" not in n for n in names)


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("The two countries agreed to cooperate.", "The two countries"),
        ("Both sides agreed to a ceasefire on Monday.", "Both sides"),
        ("The three nations signed the accord.", "The three nations"),
    ],
)
def test_counted_countries_and_sides_act_as_a_group(
    pipeline: Language, text: str, mention: str
) -> None:
    actors = actors_of(pipeline, text)
    assert [a.kind for a in actors] == ["GROUP"]
    assert mention in mention_texts(actors[0])


def test_sides_taken_are_no_actor(pipeline: Language) -> None:
    assert actors_of(pipeline, "He took sides in the dispute.") == []


def test_title_cased_office_with_a_determiner_is_an_actor(pipeline: Language) -> None:
    actors = actors_of(pipeline, "The Indian Prime Minister will host a dinner for Netanyahu.")
    assert "The Indian Prime Minister" in {m for a in actors for m in mention_texts(a)}


def test_group_noun_the_parser_took_for_a_name_is_a_group(pipeline: Language) -> None:
    # the parser tags a sentence's first "Rebels" as a proper noun (NNPS)
    actors = actors_of(pipeline, "Rebels attacked the village. The army said the rebels fled.")
    rebels = [a for a in actors if a.name == "Rebels"]
    assert len(rebels) == 1 and rebels[0].kind == "GROUP"
    assert mention_texts(rebels[0]) == ["Rebels", "the rebels"]


def test_a_surname_with_a_particle_is_the_same_person(pipeline: Language) -> None:
    actors = actors_of(
        pipeline,
        'Anneke de Vries said the strike would go on. "We are patient," de Vries told Reuters.',
    )
    de_vries = named(actors, "Anneke de Vries")
    assert de_vries.kind == "PERSON"  # spaCy tags the name ORG here
    assert mention_texts(de_vries) == ["Anneke de Vries", "de Vries"]


def test_a_one_word_name_has_the_kind_most_of_its_mentions_have(pipeline: Language) -> None:
    actors = actors_of(
        pipeline,
        "Talks with port operator Harbourline broke down. Harbourline offered a pay rise. "
        "Harbourline chief executive Pieter Jansen said the company would not move.",
    )
    harbourline = named(actors, "Harbourline")  # one actor, though spaCy tags one mention PERSON
    assert harbourline.kind == "ORG"
    assert mention_texts(harbourline)[:3] == ["Harbourline"] * 3


def test_a_city_tagged_as_a_person_is_a_place(pipeline: Language) -> None:
    doc = pipeline(
        "Thousands of dock workers walked off the job in the port city of Rotterdam on Wednesday."
    )
    assert [a.name for a in doc._.actors] == ["dock workers"]  # spaCy tags Rotterdam PERSON
    assert [(e.text, e.label_) for e in doc.ents if e.text == "Rotterdam"] == [("Rotterdam", "GPE")]


def test_a_nationality_and_a_portfolio_before_a_title_are_no_person(pipeline: Language) -> None:
    actors = actors_of(
        pipeline, "Kenyan Transport Secretary Daniel Kiprono said the deal would cut costs."
    )
    assert [a.name for a in actors] == ["Daniel Kiprono"]  # spaCy: "Kenyan Transport" ORG
    assert named(actors, "Daniel Kiprono").country == "KEN"


def test_an_organisation_word_ends_a_name_tagged_as_a_person(pipeline: Language) -> None:
    actors = actors_of(
        pipeline,
        "Estonia and Finland agreed on Tuesday to carry out joint safety checks on ferries "
        "between Tallinn and Helsinki, the Estonian Maritime Administration said.\n\n"
        '"Passengers should not notice anything except shorter queues," the administration\'s '
        "director, Jaan Tamm, told Harbour Wire.",
    )  # spaCy tags both names PERSON
    assert named(actors, "Estonian Maritime Administration").kind == "ORG"
    assert named(actors, "Harbour Wire").kind == "ORG"


def test_a_capitalised_title_in_apposition_is_the_role(pipeline: Language) -> None:
    actors = actors_of(
        pipeline,
        "Tanzania's Minister of Works, Grace Mwakyusa, said the patrols would start next month.",
    )
    minister = named(actors, "Grace Mwakyusa")
    assert "Minister" in minister.roles
    assert (minister.country, minister.sector) == ("TZA", "GOV")


def test_a_hyphenated_given_name_is_a_person(pipeline: Language) -> None:
    actors = actors_of(pipeline, "The Kazakh president, Kassym-Jomart Tokayev, spoke on Friday.")
    tokayev = named(actors, "Kassym-Jomart Tokayev")  # spaCy tags the name ORG here
    assert tokayev.kind == "PERSON"
    assert (tokayev.country, tokayev.sector) == ("KAZ", "GOV")


def test_an_association_is_a_body_that_acts(pipeline: Language) -> None:
    doc = pipeline(
        "The builders' association criticised the decision and said it would delay the project."
    )
    (q,) = doc._.quotes
    speaker = next(a for a in doc._.actors if a.id == q.speaker)
    assert (speaker.name, speaker.kind) == ("association", "ORG")


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("The peacekeepers withdrew from the town.", "The peacekeepers"),
        ("Prison guards beat the inmates.", "Prison guards"),
        ("The military personnel left the base.", "The military personnel"),
        ("A Chinese delegation arrived on Monday.", "A Chinese delegation"),
    ],
)
def test_peacekeepers_guards_personnel_and_delegations_are_groups(
    pipeline: Language, text: str, mention: str
) -> None:
    actors = actors_of(pipeline, text)
    assert mention in {m for a in actors for m in mention_texts(a)}


def test_an_agent_noun_tagged_as_an_adjective_is_an_actor(pipeline: Language) -> None:
    """spaCy's small model tags "general" in "The general ordered ..." as an adjective."""
    actors = actors_of(pipeline, "The general ordered the troops to leave.")
    assert "The general" in {m for a in actors for m in mention_texts(a)}
    assert "The general public" in {
        m for a in actors_of(pipeline, "The general public was angry.") for m in mention_texts(a)
    }
