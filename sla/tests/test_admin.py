"""Admin screens: the service snippet, the import upload, calendar days, the dashboard."""

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from sla.models import CalendarDay, Service, SLAStatementPage

from .factories import ServiceFactory, make_sla_index, make_statement

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "sla-statement-fa.txt"


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pass")
    client.force_login(user)
    return client


def test_import_upload_creates_a_draft_and_opens_it(admin_client, home_page):
    index = make_sla_index(home_page)
    url = reverse("sla_import:index")
    assert admin_client.get(url).status_code == 200
    upload = SimpleUploadedFile("sla.txt", FIXTURE.read_bytes(), content_type="text/plain")
    response = admin_client.post(url, {"file": upload, "parent": index.pk, "title": ""})
    page = SLAStatementPage.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live
    assert page.valid_until == dt.date(2022, 3, 20)
    assert page.owner.username == "editor"
    # The edit form shows the date in Jalali.
    edit = admin_client.get(response.url).content.decode()
    assert "۱۴۰۰/۱۲/۲۹" in edit


def test_import_upload_of_a_bad_file_names_the_line_and_creates_nothing(admin_client, home_page):
    index = make_sla_index(home_page)
    upload = SimpleUploadedFile("bad.txt", "عنوان\n\n۱- مقدمه\n\n۲- بخش ناشناخته\n".encode())
    response = admin_client.post(reverse("sla_import:index"), {"file": upload, "parent": index.pk})
    assert response.status_code == 200
    assert "سطر ۵" in response.content.decode()
    assert SLAStatementPage.objects.count() == 0


def test_import_screen_needs_permission_to_add_statements(client, home_page):
    from django.contrib.auth.models import Permission

    make_sla_index(home_page)
    user = get_user_model().objects.create_user("staff", "staff@example.org", "pass")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(reverse("sla_import:index")).status_code in (302, 403)
    # Wagtail's Editors may add pages anywhere, so they may import.
    user.groups.add(Group.objects.get(name="Editors"))
    assert client.get(reverse("sla_import:index")).status_code == 200


def test_service_snippet_admin_creates_a_service_with_revisions(admin_client, units):
    url = reverse("wagtailsnippets_sla_service:add")
    assert admin_client.get(url).status_code == 200
    data = {
        "code": "loan-۰۱",
        "title": "وام دانشجويي",
        "title_en": "",
        "description": rich_text("<p>درخواست وام از صندوق رفاه</p>"),
        "description_en": rich_text(""),
        "responsible_unit": units["welfare-office"].pk,
        "service_type": "G2C",
        "audience": ["students"],
        "is_free": "on",
        "fee": "",
        "fee_notes": "",
        "required_documents": "کارت دانشجویی",
        "channels": ["web", "in_person"],
        "start_url": "",
        "response_target_value": "10",
        "response_target_unit": "working_days",
        "delivery_time_value": "",
        "delivery_time_unit": "working_days",
        "availability_target": "99",
        "sla_statement": "",
        "is_open": "on",
        "action-publish": "publish",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    service = Service.objects.get()
    assert service.code == "LOAN-01"
    assert service.title == "وام دانشجویی"  # Arabic letters normalised
    assert service.channels == ["web", "in_person"]
    assert service.live
    assert service.revisions.count() == 1


def test_service_needs_a_fee_or_free(admin_client, units):
    service = ServiceFactory.build(responsible_unit=units["it-statistics"], is_free=False, fee=None)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        service.full_clean()
    assert "fee" in error.value.message_dict


def test_service_listing_and_edit(admin_client, units):
    service = ServiceFactory(code="IT-01", responsible_unit=units["it-statistics"])
    listing = admin_client.get(reverse("wagtailsnippets_sla_service:list"))
    assert "IT-01" in listing.content.decode()
    edit = admin_client.get(reverse("wagtailsnippets_sla_service:edit", args=[service.pk]))
    assert edit.status_code == 200


def test_calendar_day_is_entered_in_jalali(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_sla_calendarday:add"),
        {"date": "۱۴۰۴/۰۴/۱۵", "kind": "holiday", "name": "تعطیلی استانی"},
    )
    assert response.status_code == 302
    assert CalendarDay.objects.get().date == dt.date(2025, 7, 6)


def test_working_calendar_settings_screen(admin_client):
    url = reverse("wagtailsettings:edit", args=["sla", "workingcalendarsettings"])
    response = admin_client.get(url, follow=True)
    assert response.status_code == 200
    assert 'value="07:30"' in response.content.decode()


def test_dashboard_lists_statements_expiring_within_30_days(admin_client, home_page):
    index = make_sla_index(home_page)
    today = dt.date.today()
    make_statement(index, valid_until=today + dt.timedelta(days=12), slug="soon", title="نزدیک")
    make_statement(index, valid_until=today + dt.timedelta(days=90), slug="far", title="دور")
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "sla-expiring-statements" in html
    assert "نزدیک" in html
    assert "دور" not in html


def test_dashboard_has_no_panel_when_nothing_expires(admin_client, home_page):
    index = make_sla_index(home_page)
    make_statement(index, valid_until=dt.date.today() + dt.timedelta(days=90))
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "sla-expiring-statements" not in html


def test_admin_menu_has_the_catalog_group(admin_client, home_page):
    make_sla_index(home_page)
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("sla_import:index") in html
    assert reverse("wagtailsnippets_sla_service:list") in html
