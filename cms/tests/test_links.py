"""Links in emails and SMS come from PORTAL_BASE_URL, never from the Host header."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from cms import links

pytestmark = pytest.mark.django_db


def test_the_configured_base_url_is_used_without_a_trailing_slash(settings):
    settings.PORTAL_BASE_URL = "https://portal.arakmu.ac.ir/"
    assert links.base_url() == "https://portal.arakmu.ac.ir"
    assert links.absolute_url("/track/") == "https://portal.arakmu.ac.ir/track/"


def test_without_a_base_url_development_uses_the_default_sites_root(settings, home_page):
    from wagtail.models import Site

    settings.PORTAL_BASE_URL = ""
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "portal.local", 8080
    site.save()
    assert links.absolute_url("/desk/") == "http://portal.local:8080/desk/"


@pytest.mark.parametrize(
    "value",
    ["portal.arakmu.ac.ir", "ftp://portal.arakmu.ac.ir", "https://", "https://x.ir/portal/"],
)
def test_a_base_url_that_is_not_one_is_refused(settings, value):
    settings.PORTAL_BASE_URL = value
    with pytest.raises(ImproperlyConfigured):
        links.base_url()
