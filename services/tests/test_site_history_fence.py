"""Wagtail's site history report (and its export) behind the back-office fence: staff of
one unit do not see another unit's requests there, and no entry's label carries a
subject, a name or a tracking code."""

import pytest
from django.apps import apps
from wagtail.log_actions import log

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not apps.is_installed("services.desk"), reason="services.desk is switched off"
    ),
]

REPORT = "/admin/reports/site-history/"
SECRET = "شکایت محرمانه از پزشک"


@pytest.fixture
def requests_of_two_units(units):
    from services.desk.tests.factories import ServiceRequestFactory

    theirs = ServiceRequestFactory(unit=units["it-statistics"], subject=SECRET, name="رضا محمدی")
    ours = ServiceRequestFactory(unit=units["welfare-office"], subject="درخواست خودی")
    for request in (theirs, ours):
        log(request, "wagtail.edit")
    return units, theirs, ours


def _body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode()


def test_another_units_entries_are_not_in_the_report_nor_its_export(client, requests_of_two_units):
    from services.desk.tests.factories import DeskStaffFactory

    units, theirs, ours = requests_of_two_units
    client.force_login(DeskStaffFactory(unit=units["welfare-office"]).user)
    for params in ({}, {"export": "csv"}, {"export": "xlsx"}):
        response = client.get(REPORT, params)
        assert response.status_code == 200
        if params.get("export") == "xlsx":
            continue  # binary; the CSV has the same rows
        body = _body(response)
        assert f"#{theirs.pk}" not in body
        assert SECRET not in body and theirs.tracking_code not in body
        assert theirs.formatted_code not in body
        # Their own request's entry is there, by type and id only.
        assert f"#{ours.pk}" in body
        assert "درخواست خودی" not in body and ours.tracking_code not in body
    results = _body(client.get(f"{REPORT}results/"))
    assert f"#{ours.pk}" in results and SECRET not in results


def test_labels_carry_no_personal_data_even_for_superusers(client, requests_of_two_units):
    from django.contrib.auth import get_user_model
    from wagtail.models import ModelLogEntry

    _units, theirs, _ours = requests_of_two_units
    stored = ModelLogEntry.objects.get(object_id=str(theirs.pk))
    assert SECRET not in stored.label and theirs.tracking_code not in stored.label
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "x")
    client.force_login(admin)
    body = _body(client.get(REPORT, {"export": "csv"}))
    assert f"#{theirs.pk}" in body
    assert SECRET not in body and "رضا محمدی" not in body


def test_a_migration_gives_older_entries_neutral_labels(requests_of_two_units):
    from importlib import import_module

    from django.apps import apps
    from wagtail.models import ModelLogEntry

    _units, theirs, _ours = requests_of_two_units
    # An entry written before the fence, labelled with the code and the subject.
    ModelLogEntry.objects.filter(object_id=str(theirs.pk)).update(label=str(theirs))
    assert SECRET in ModelLogEntry.objects.get(object_id=str(theirs.pk)).label
    migration = import_module("services.desk.migrations.0003_neutral_log_labels")
    migration.neutral_labels(apps, None)
    label = ModelLogEntry.objects.get(object_id=str(theirs.pk)).label
    assert label.endswith(f"#{theirs.pk}") and SECRET not in label
