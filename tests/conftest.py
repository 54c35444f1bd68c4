"""Shared fixtures: the city's home page, a centre with a section and an admin
client logged in as city staff."""

import pytest
from django.core.cache import cache
from django.utils import translation

from tests import factories


@pytest.fixture(autouse=True)
def fresh_cache():
    """Wagtail caches the sites' root paths; a rolled-back test leaves no signal
    to clear them, so start every test with an empty cache."""
    cache.clear()


@pytest.fixture(autouse=True)
def site_language():
    """Every test starts in the site's language: a request to /en/… in an
    earlier test leaves English active in the worker's thread."""
    translation.deactivate()


@pytest.fixture
def home(db):
    """The root page of the default site, where a city hangs its centres."""
    return factories.site_root()


@pytest.fixture
def centre(home):
    return factories.make_centre(
        home,
        "Stadthaus Laatzen",
        street="Marktplatz 1",
        postcode="30880",
        city="Laatzen",
        phone="0511 8205-1234",
        email="stadthaus@laatzen.example",
    )


@pytest.fixture
def section(centre):
    return factories.make_section(centre, "Angebote")


@pytest.fixture
def editor(admin_client):
    """A client logged in as city staff (a superuser) in the Wagtail admin."""
    return admin_client
