"""Look-ups in the actor lexicon (``resources/actor_lexicon.json``, built by
``scripts/build_actor_lexicon.py`` from the PETRARCH2 dictionaries and pycountry)."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from newsgraph.resources import path as resource_path


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words that make a proper name an organisation.
ORG_WORDS = _words(
    "administration agency alliance assembly association authority bank board bureau "
    "broadcasting cabinet center centre congress directorate inspectorate secretariat senate "
    "wire "
    "hall house palace kremlin "
    "choice church club coalition college commission committee company corporation council "
    "court department embassy federation forces foundation front fund group guard inc "
    "institute league ltd media ministry movement network news office organisation "
    "organization parliament party police press radio regiment school service society "
    "television times treaty tribunal tv union university"
)

#: Agent nouns that name an organisation or a body rather than a person.
BODY_NOUNS = _words(
    "government ministry department regime party company bank agency court parliament "
    "council committee army police leadership administration authorities cabinet "
    "opposition organization organisation union military navy junta kremlin embassy "
    "commission legislature senate congress firm media broadcaster authority school college "
    "hospital church mosque newspaper channel website campaign association federation "
    "confederation coalition alliance league chamber"
)

#: Modifiers kept in a premodifier role ("former President"); other adjectives are dropped.
ROLE_MODIFIERS = _words(
    "former acting deputy vice chief senior prime interim ex first foreign interior defence "
    "defense finance energy economy justice state general supreme top then outgoing "
    "incoming exiled fugitive opposition"
)

#: Person nouns that are roles even where the agent dictionary has no sector for them.
ROLE_NOUNS = _words(
    "spokesperson spokesman spokeswoman official consultant analyst expert adviser advisor "
    "correspondent reporter journalist editor director head chairman chairwoman chair leader "
    "founder banker businessman businesswoman tycoon oligarch activist economist diplomat "
    "envoy ambassador governor mayor president minister premier chancellor king queen prince "
    "general commander officer lawyer researcher professor scientist candidate "
    "fugitive dissident secretary representative executive ceo manager owner"
)

#: Collective nouns that name a group, singular in form: "the Kazakh elite".
GROUP_NOUNS = frozenset({"elite", "public", "diaspora", "population", "police", "delegation"})

MALE_TITLES = _words("mr mr. sir lord king prince father brother")
FEMALE_TITLES = _words("mrs mrs. ms ms. miss madam lady queen princess sister")


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads(
        resource_path("actor_lexicon.json").read_text(encoding="utf-8")
    )
    # Tuples of strings rather than JSON's lists: the garbage collector stops tracking them,
    # so its full collections no longer walk these 29,000 entries while articles are analysed.
    data["named"] = {name: tuple(info) for name, info in data["named"].items()}
    return data


def country_of(name: str) -> str | None:
    """ISO 3166-1 alpha-3 code of the country named ``name``, or of the country a city, region
    or state the dictionaries list ("Almaty", "Texas") lies in."""
    key = name.lower().removeprefix("the ")
    found: str | None = _lexicon()["countries"].get(key) or _lexicon()["places"].get(key)
    return found


def is_country(name: str) -> bool:
    """Whether ``name`` names a country (not a city)."""
    return name.lower().removeprefix("the ") in _lexicon()["countries"]


def gender_of(first_name: str) -> str | None:
    """ "m" or "f" for a common first name, else None."""
    found: str | None = _lexicon()["first_names"].get(first_name.lower())
    return found


def demonym_of(word: str) -> str | None:
    """ISO3 code of a nationality adjective or plural ("Kazakh", "Kazakhs"), else None."""
    found: str | None = _lexicon()["demonyms"].get(word.lower())
    return found


def place_code(word: str) -> str | None:
    """A country code from a demonym or a place name, whichever ``word`` is."""
    return demonym_of(word) or country_of(word)


def agent_sector(noun: str) -> str | None:
    """Sector of an agent noun ("soldiers" -> MIL), trying the phrase, then its last words."""
    agents = _lexicon()["agents"]
    words = noun.lower().split()
    for i in range(len(words)):
        phrase = " ".join(words[i:])
        for form in (phrase, singular(phrase)):
            if form in agents:
                return str(agents[form])
    return None


def is_agent(noun: str) -> bool:
    """Whether ``noun`` (one word, any number) is an agent noun or a role noun."""
    word = noun.lower()
    return (
        word in ROLE_NOUNS
        or singular(word) in ROLE_NOUNS
        or word in _lexicon()["agents"]
        or singular(word) in _lexicon()["agents"]
    )


_PERSON_SUFFIXES = (
    "er",
    "or",
    "ist",
    "ian",
    "man",
    "woman",
    "ant",
    "ent",
    "ee",
    "ive",
    "ary",
    "eur",
)
_NOT_PERSON = _words(
    "government parliament department settlement movement establishment management "
    "government agent element parent component tournament center order border quarter "
    "corner chamber cover power water paper letter member"
)
_PERSON_WORDS = _words(
    "child boss chief head judge chair envoy spy guard pilot nurse priest monk cleric imam "
    "rabbi bishop pope general colonel captain sergeant nominee candidate figure fugitive "
    "analyst expert diplomat economist activist official aide deputy delegate attorney "
    "journalist guy person people adult youth teen victim citizen resident refugee"
)


def is_person_noun(noun: str) -> bool:
    """Whether an agent noun names a person ("activist", "spokeswoman", "child") rather than a
    body or a thing ("business", "television", "university"); by list, then by suffix."""
    word = noun.lower()
    if word in ROLE_NOUNS or word in _PERSON_WORDS:
        return True
    return word not in _NOT_PERSON and word.endswith(_PERSON_SUFFIXES)


def named_info(name: str) -> tuple[str | None, str | None]:
    """(country, sector) the dictionaries give a named organisation or person."""
    found = _lexicon()["named"].get(name.lower().removeprefix("the "))
    return (found[0], found[1]) if found else (None, None)


def singular(word: str) -> str:
    """A plural noun's singular by its English ending ("rebels" -> "rebel")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
