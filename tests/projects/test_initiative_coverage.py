"""An initiative's page lists the news about it, from the demo site's G5
article that names Utrecht's healthy streets."""

import pytest

pytestmark = pytest.mark.django_db


def test_lists_the_news_about_it_in_the_visitors_language(client, demo_site):
    # The demo G5 article names Utrecht's healthy streets, in EN and NL.
    english = client.get("/en/initiatives/healthy-streets-utrecht/").text
    dutch = client.get("/nl/initiatives/healthy-streets-utrecht/").text
    assert "In the news" in english
    assert "G5" in english
    assert "In het nieuws" in dutch
