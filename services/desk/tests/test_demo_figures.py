"""The demo gives every desk service's card its own figures, through the real workflow."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.cache import cache

from services.desk.demo_content import load_desk
from services.desk.demo_figures import load_service_figures
from services.desk.metrics import service_metrics
from services.desk.models import ServiceRequest
from sla.metrics import service_figures
from sla.models import Service

pytestmark = pytest.mark.django_db


def test_every_desk_service_card_shows_answered_requests(client, home_page):
    from sitepages.demo_content import load_portal
    from sla.demo_content import load_sla

    load_portal(stdout=StringIO())
    load_sla(stdout=StringIO())
    load_desk(stdout=StringIO())
    load_service_figures(stdout=StringIO())
    desk = apps.get_app_config("desk")
    services = [s for s in Service.objects.live().open() if desk.get_service_start_url(s)]
    assert len(services) >= 10
    for service in services:
        figures = service_figures(service)
        assert figures.is_recent, service.code  # the demo statement's period is 1400
        in_time, median_reply, rating = service_metrics(service.code, figures.start, figures.end)
        assert in_time.has_data and median_reply.has_data and rating.has_data, service.code
        # Two answers within the promise and one past it, on the request's own clock.
        demo = ServiceRequest.objects.filter(service=service, mobile__startswith="0935")
        assert demo.filter(answered_in_time=True).count() == 2, service.code
        assert demo.filter(answered_in_time=False).count() == 1, service.code

    cache.clear()
    html = client.get(f"/services/{services[0].code}/").content.decode()
    assert "figures-none" not in html and "figure-sample" in html

    count = ServiceRequest.objects.count()
    load_service_figures(stdout=StringIO())
    assert ServiceRequest.objects.count() == count
