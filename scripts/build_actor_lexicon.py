"""Build ``src/newsgraph/resources/actor_lexicon.json`` from PETRARCH2's dictionaries and pycountry.

    uv run python scripts/build_actor_lexicon.py [PETRARCH_DIR]

PETRARCH_DIR defaults to ``../shared/data/petrarch2-dictionaries`` (openeventdata/petrarch2, MIT).
Only facts are kept: a lower-cased name and its ISO 3166-1 alpha-3 country and/or newsgraph
sector. The JSON has six maps:

``countries``  country names and their spelling variants -> ISO3
``places``     cities, regions and states the dictionaries list under a country -> ISO3
``first_names`` common first names -> "m" or "f" (hand-written, for pronoun agreement)
``demonyms``   nationality adjectives and plural nouns ("kazakh", "kazakhs") -> ISO3
``agents``     agent nouns, singular, space-separated ("security force") -> sector
``named``      named organisations and people -> [ISO3 or null, sector or null]
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsgraph" / "resources" / "actor_lexicon.json"
DEFAULT_SRC = ROOT.parent / "shared" / "data" / "petrarch2-dictionaries"

#: CAMEO agent/sector codes -> newsgraph's sectors (None: not a sector we record). POL is
#: police and security (schema 1), not politics: parties have no sector of their own.
CAMEO_SECTORS: dict[str, str | None] = {
    "GOV": "GOV",
    "MIL": "MIL",
    "COP": "POL",
    "SPY": "POL",
    "REB": "REB",
    "UAF": "REB",
    "INS": "REB",
    "OPP": "OPP",
    "PTY": None,  # parties: OPP where the text says so (extract/actors.py), else no sector
    "RAD": None,
    "MOD": None,
    "JUD": "JUD",
    "LEG": "LEG",
    "MED": "MED",
    "BUS": "BUS",
    "MNC": "BUS",
    "IGO": "IGO",
    "NGO": "NGO",
    "NGM": "NGO",
    "HRI": "NGO",
    "ENV": "NGO",
    "DEV": "NGO",
    "CVL": "CVL",
    "AGR": "CVL",
    "LAB": "CVL",
    "REF": "CVL",
    "PPL": "CVL",
    "HLH": "CVL",
    "EDU": "EDU",
    "REL": "REL",
    "MUS": "REL",
    "CHR": "REL",
    "JEW": "REL",
    "BUD": "REL",
    "HIN": "REL",
    "ELI": None,
    "CRM": None,
    "IMG": None,
}

#: Agent nouns whose dictionary sector misleads: a spokesperson speaks for whoever employs them.
AGENT_OVERRIDES: dict[str, str | None] = {
    "spokesperson": None,
    "spokesman": None,
    "spokeswoman": None,
    "official": None,
    "consultant": "BUS",
    "chief executive": "BUS",
    "nominee": None,
    "candidate": None,
    "campaign": None,
    "regulator": "GOV",
    "commission": "GOV",
    "community": "CVL",
    "resident": "CVL",
    "voter": "CVL",
    "news site": "MED",
    "news website": "MED",
    "website": "MED",
    "newspaper": "MED",
    "outlet": "MED",
    "channel": "MED",
    "leader": "GOV",
    "union leader": "CVL",
    "party leader": None,
    "opposition leader": "OPP",
    "executive": "BUS",
    "ceo": "BUS",
    "central bank": "GOV",
    "miner": "CVL",
    "worker": "CVL",
    "striker": "CVL",
    "analyst": "EDU",
    "expert": None,
    "banker": "BUS",
    "bank": "BUS",
    "correspondent": "MED",
    "reporter": "MED",
    "journalist": "MED",
    "news agency": "MED",
    "broadcaster": "MED",
    "activist": "OPP",
    "protester": "OPP",
    "demonstrator": "OPP",
    "elite": None,
    "figure": None,
    "leadership": "GOV",
    "authorities": "GOV",
    "authority": "GOV",
    "minister": "GOV",
    "ministry": "GOV",
    "department": "GOV",
    "president": "GOV",
    "prime minister": "GOV",
    "regime": "GOV",
    "troop": "MIL",
    "peacekeeper": "MIL",
    "personnel": "CVL",
    "guard": "POL",
    "delegation": "GOV",
    "force": "MIL",
    "security force": "MIL",
    "armed force": "MIL",
    "party": None,
    "police": "POL",
    "police force": "POL",
    "policeman": "POL",
    "police officer": "POL",
    "security service": "POL",
    "opposition": "OPP",
    "court": "JUD",
    "judge": "JUD",
    "parliament": "LEG",
    "lawmaker": "LEG",
    "senator": "LEG",
    "company": "BUS",
    "firm": "BUS",
    "investor": "BUS",
    "student": "EDU",
    "university": "EDU",
    "researcher": "EDU",
    "professor": "EDU",
    "priest": "REL",
    "church": "REL",
    "cleric": "REL",
}

#: News agencies and broadcasters the dictionaries lack, with their home country.
MEDIA: dict[str, str | None] = {
    "afp": "FRA",
    "agence france-presse": "FRA",
    "agence france presse": "FRA",
    "reuters": "GBR",
    "associated press": "USA",
    "ap": "USA",
    "bloomberg": "USA",
    "rfe/rl": "USA",
    "radio free europe/radio liberty": "USA",
    "radio free europe": "USA",
    "radio liberty": "USA",
    "voice of america": "USA",
    "voa": "USA",
    "bbc": "GBR",
    "cnn": "USA",
    "cbc": "CAN",
    "canadian broadcasting corporation": "CAN",
    "npr": "USA",
    "tass": "RUS",
    "ria novosti": "RUS",
    "interfax": "RUS",
    "xinhua": "CHN",
    "dpa": "DEU",
    "deutsche welle": "DEU",
    "al jazeera": "QAT",
    "al-jazeera": "QAT",
    "france 24": "FRA",
    "euronews": "FRA",
    "kyodo": "JPN",
    "yonhap": "KOR",
    "anadolu": "TUR",
    "efe": "ESP",
    "ansa": "ITA",
    "the guardian": "GBR",
    "new york times": "USA",
    "the new york times": "USA",
    "washington post": "USA",
    "the washington post": "USA",
    "financial times": "GBR",
    "wall street journal": "USA",
    "the wall street journal": "USA",
    "bne intellinews": None,
    "eurasianet": "USA",
    "akipress": "KGZ",
    "kazinform": "KAZ",
    "tengrinews": "KAZ",
}

#: International organisations the dictionaries lack.
IGOS: tuple[str, ...] = (
    "collective security treaty organization",
    "csto",
    "eurasian economic union",
    "commonwealth of independent states",
    "cis",
    "shanghai cooperation organisation",
    "organization for security and co-operation in europe",
    "osce",
    "european union",
    "eu",
    "nato",
    "north atlantic treaty organization",
    "united nations",
    "un",
    "g7",
    "g20",
    "world bank",
    "international monetary fund",
    "imf",
    "african union",
    "asean",
)

#: Nationality words that petrarch lacks or that cannot be derived from a country name.
DEMONYMS: dict[str, str] = {
    "kazakh": "KAZ",
    "kazakhstani": "KAZ",
    "kyrgyz": "KGZ",
    "tajik": "TJK",
    "uzbek": "UZB",
    "turkmen": "TKM",
    "afghan": "AFG",
    "pakistani": "PAK",
    "russian": "RUS",
    "belarusian": "BLR",
    "belarussian": "BLR",
    "ukrainian": "UKR",
    "armenian": "ARM",
    "azerbaijani": "AZE",
    "azeri": "AZE",
    "georgian": "GEO",
    "moldovan": "MDA",
    "american": "USA",
    "british": "GBR",
    "english": "GBR",
    "scottish": "GBR",
    "welsh": "GBR",
    "french": "FRA",
    "german": "DEU",
    "dutch": "NLD",
    "swiss": "CHE",
    "swedish": "SWE",
    "norwegian": "NOR",
    "danish": "DNK",
    "finnish": "FIN",
    "polish": "POL",
    "czech": "CZE",
    "slovak": "SVK",
    "hungarian": "HUN",
    "romanian": "ROU",
    "bulgarian": "BGR",
    "serbian": "SRB",
    "croatian": "HRV",
    "greek": "GRC",
    "turkish": "TUR",
    "italian": "ITA",
    "spanish": "ESP",
    "portuguese": "PRT",
    "irish": "IRL",
    "belgian": "BEL",
    "austrian": "AUT",
    "chinese": "CHN",
    "japanese": "JPN",
    "korean": "KOR",
    "south korean": "KOR",
    "north korean": "PRK",
    "indian": "IND",
    "iranian": "IRN",
    "iraqi": "IRQ",
    "syrian": "SYR",
    "israeli": "ISR",
    "palestinian": "PSE",
    "lebanese": "LBN",
    "jordanian": "JOR",
    "saudi": "SAU",
    "emirati": "ARE",
    "qatari": "QAT",
    "yemeni": "YEM",
    "egyptian": "EGY",
    "libyan": "LBY",
    "tunisian": "TUN",
    "algerian": "DZA",
    "moroccan": "MAR",
    "nigerian": "NGA",
    "kenyan": "KEN",
    "ethiopian": "ETH",
    "somali": "SOM",
    "sudanese": "SDN",
    "south african": "ZAF",
    "canadian": "CAN",
    "mexican": "MEX",
    "brazilian": "BRA",
    "argentine": "ARG",
    "argentinian": "ARG",
    "chilean": "CHL",
    "colombian": "COL",
    "venezuelan": "VEN",
    "cuban": "CUB",
    "peruvian": "PER",
    "australian": "AUS",
    "filipino": "PHL",
    "philippine": "PHL",
    "indonesian": "IDN",
    "malaysian": "MYS",
    "thai": "THA",
    "vietnamese": "VNM",
    "burmese": "MMR",
    "bangladeshi": "BGD",
    "sri lankan": "LKA",
    "nepali": "NPL",
    "mongolian": "MNG",
    "new zealand": "NZL",
    "soviet": "RUS",
}

#: Plurals of demonyms that are not the adjective plus "s".
DEMONYM_PLURALS: dict[str, str] = {
    "british": "GBR",
    "french": "FRA",
    "dutch": "NLD",
    "swiss": "CHE",
    "chinese": "CHN",
    "japanese": "JPN",
    "vietnamese": "VNM",
    "lebanese": "LBN",
    "sudanese": "SDN",
    "portuguese": "PRT",
    "kyrgyz": "KGZ",
    "turkmens": "TKM",
    "brits": "GBR",
}

#: Short names of countries that the dictionaries spell differently.
COUNTRY_ALIASES: dict[str, str] = {
    "us": "USA", "u.s.": "USA", "usa": "USA", "america": "USA", "united states": "USA",
    "uk": "GBR", "u.k.": "GBR", "britain": "GBR", "great britain": "GBR", "russia": "RUS",
    "iran": "IRN", "syria": "SYR", "south korea": "KOR", "north korea": "PRK",
    "vietnam": "VNM", "taiwan": "TWN", "turkey": "TUR", "czech republic": "CZE",
    "ivory coast": "CIV", "palestine": "PSE", "holland": "NLD",
}  # fmt: skip

#: Common first names and the gender they almost always go with, so that "she" finds a woman.
_MALE = """
aaron abdul abdullah adam adrian ahmed akhmet alan albert alexander alexei alexey ali alisher
almaz andrei andrew andrey anthony anton antonio arman arthur asylbek aziz barack ben benjamin
bernie bill bob boris brian bruce carl carlos charles chris christopher chuck daniel darkhan
david dmitry donald douglas edward emmanuel eric erlan frank gary george gerhard giorgi gordon
greg gregory hamid harry hassan henry hugo ibrahim igor ilham ivan jack jacob james jason jean
jeb jeff jeffrey jens jerry jim joe john jonathan jose joseph josh juan justin karim kassym
keith kevin kim ksenia larry lee lindsey luis mark marco martin matthew michael mike mikhail
mohammed muhammad mukhtar narendra ned nicholas nicolas nikolai nursultan olaf omar oleg pablo
patrick paul pedro peter rahul ralph ramzan recep richard rick robert roger ron ronald rudy
ryan sam samuel sergei sergey stephen steve steven ted thomas tim timur tom tony viktor vladimir
volodymyr walter william xi yevgeny yuri
"""
_FEMALE = """
aigerim aida aisha alexandra alice alina alla amy ana angela angelina ann anna anne assel
barbara betsy carly catherine chelsea christine claire dana daria diana dinara elena elizabeth
ella elvira emily emma eva gennifer gulnara hannah helen hillary huma ilhan irina jacinda jane
janet jennifer jessica jill julia karen kamala kate katherine kellyanne kristalina laura linda
liz liudmila lyudmila madeleine maria marie marine mary melania michelle nancy natalia natalya
nicola nikki olga paula rachel rebecca samantha sarah sheila sophie susan svetlana tatiana
theresa tulsi ursula valentina victoria yulia zhanna
"""
FIRST_NAMES = {**{n: "m" for n in _MALE.split()}, **{n: "f" for n in _FEMALE.split()}}

_CODE = re.compile(r"\[([~A-Z]+)(?:\s+([<>]?[\d-]+))?\]")


def _norm(entry: str) -> str:
    """A dictionary phrase as text: ``US_STATE_DEPARTMENT_`` -> ``us state department``."""
    phrase = entry.split("#", 1)[0].strip().lstrip("+").strip()
    phrase = re.sub(r"\{.*?\}|\[.*?\]", "", phrase)
    return " ".join(phrase.replace("_", " ").lower().split())


def _blocks(path: Path) -> Iterator[tuple[list[str], list[tuple[str, str]]]]:
    """(names, [(code, dates)]) for each entry of a PETRARCH actor dictionary."""
    names: list[str] = []
    codes: list[tuple[str, str]] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        found = _CODE.findall(line)
        head = _CODE.sub("", line).strip()
        if head and not raw.startswith(("\t", " ")):
            if head.startswith("+"):
                names.append(_norm(head))
            else:
                if names and codes:
                    yield names, codes
                names, codes = [_norm(head)], []
        codes.extend(found)
    if names and codes:
        yield names, codes


def _current(codes: list[tuple[str, str]]) -> str:
    """The code in force now: undated or open-ended (``>DATE``), else the last one listed."""
    open_ended = [c for c, d in codes if not d or d.startswith(">")]
    return (open_ended or [codes[-1][0]])[-1].lstrip("~")


def _split(code: str, iso3: set[str]) -> tuple[str | None, str | None]:
    """A CAMEO actor code as (country, sector): ``USAGOV`` -> (USA, GOV), ``IGOUNO`` -> (None,
    IGO)."""
    country = code[:3] if code[:3] in iso3 else None
    rest = code[3:] if country else code
    for i in range(0, len(rest) - 2, 3):
        chunk = rest[i : i + 3]
        if chunk in CAMEO_SECTORS and CAMEO_SECTORS[chunk]:
            return country, CAMEO_SECTORS[chunk]
    return country, None


def build(src: Path) -> dict[str, dict[str, object]]:
    iso3 = {c.alpha_3 for c in pycountry.countries}
    countries: dict[str, str] = {}
    named: dict[str, list[str | None]] = {}
    places: dict[str, str] = {}
    for file in (
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ):
        for names, codes in _blocks(src / file):
            country, sector = _split(_current(codes), iso3)
            is_place = country and sector is None and _current(codes) == country
            for name in names:
                if not name or len(name) < 2:
                    continue
                if is_place and country:
                    # a variant spelled like the entry's own name is the country; others
                    # ("north carolina" under the USA) are places in it
                    same = name[:4] == names[0][:4]
                    (countries if same else places).setdefault(name, country)
                elif country or sector:
                    named.setdefault(name, [country, sector])
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if value := getattr(c, attr, None):
                countries[value.lower()] = c.alpha_3
    countries.update(COUNTRY_ALIASES)
    demonyms = dict(DEMONYMS)
    for word, code in list(DEMONYMS.items()):
        if word not in DEMONYM_PLURALS and not word.endswith(("ish", "ese", "ch")):
            demonyms.setdefault(word + "s", code)
    demonyms.update(DEMONYM_PLURALS)
    for word in demonyms:
        countries.pop(word, None)
    for word in demonyms:
        places.pop(word, None)
    places = {k: v for k, v in places.items() if k not in countries}
    agents: dict[str, str] = {}
    for raw in (src / "Phoenix.agents.txt").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^(.+?)\s*(?:\{.*?\})?\s*\[~?([A-Z]+)\]", line)
        if not m:
            continue
        sector = CAMEO_SECTORS.get(m.group(2)[:3])
        noun = m.group(1).replace("!PERSON!", "person").replace("_", " ").lower().strip()
        noun = " ".join(noun.split())
        if sector and noun:
            agents.setdefault(noun, sector)
            if noun.endswith("person"):
                for variant in ("man", "woman"):
                    agents.setdefault(noun[: -len("person")] + variant, sector)
    for noun, sector in AGENT_OVERRIDES.items():
        if sector is None:
            agents.pop(noun, None)
        else:
            agents[noun] = sector
    for name, country in MEDIA.items():
        named[name] = [country, "MED"]
    for name in IGOS:
        named[name] = [None, "IGO"]
    named.update({"kremlin": ["RUS", "GOV"], "the kremlin": ["RUS", "GOV"]})
    return {
        "countries": dict(sorted(countries.items())),
        "places": dict(sorted(places.items())),
        "first_names": dict(sorted(FIRST_NAMES.items())),
        "demonyms": dict(sorted(demonyms.items())),
        "agents": dict(sorted(agents.items())),
        "named": dict(sorted(named.items())),
    }


def main() -> None:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SRC
    lexicon = build(src)
    OUT.write_text(
        json.dumps(lexicon, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    sizes = ", ".join(f"{k} {len(v)}" for k, v in lexicon.items())
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KiB): {sizes}")


if __name__ == "__main__":
    main()
