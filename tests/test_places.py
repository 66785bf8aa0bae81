import pytest

from newsgraph.extract.places import gazetteer


def test_london_defaults_to_the_uk() -> None:
    place = gazetteer().resolve("London")
    assert place is not None
    assert (place.country, place.geonames_id) == ("GBR", 2643743)
    assert place.lat == pytest.approx(51.5, abs=0.1)


def test_london_in_a_canadian_article_is_london_ontario() -> None:
    place = gazetteer().resolve("London", countries={"CA"})
    assert place is not None
    assert place.country == "CAN"
    assert place.lon == pytest.approx(-81.2, abs=0.1)


def test_a_country_or_region_written_after_the_name_settles_it() -> None:
    ontario = gazetteer().resolve("London", within="Ontario")
    texas = gazetteer().resolve("Paris", countries={"FR"}, within="Texas")
    assert ontario is not None and ontario.country == "CAN"
    assert texas is not None and texas.country == "USA"
    assert gazetteer().countries_in(["Ontario", "Punjab"]) == {"CA"}  # Punjab: India, Pakistan


def test_a_small_local_namesake_does_not_beat_a_capital() -> None:
    place = gazetteer().resolve("Paris", countries={"US"})
    assert place is not None and place.country == "FRA"


@pytest.mark.parametrize(
    "name, country", [("Kazakhstan", "KAZ"), ("the US", "USA"), ("Britain", "GBR")]
)
def test_country_names(name: str, country: str) -> None:
    place = gazetteer().resolve(name)
    assert place is not None and place.country == country and place.geonames_id


def test_unknown_name_is_none() -> None:
    assert gazetteer().resolve("Republic Square") is None


def test_countries_in_takes_countries_and_unambiguous_cities() -> None:
    assert gazetteer().countries_in(["Kazakhstan", "Almaty", "London", "Nowhere"]) == {"KZ"}
