"""The editors' admin: publishing notices, the notice period, the timeline."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from services.outages.enums import Impact, NoticeKind, NoticeState
from services.outages.models import OutageNotice
from services.outages.widgets import JalaliDateTimeInput

from .factories import OutageNoticeFactory

pytestmark = pytest.mark.django_db


def jalali(value):
    return JalaliDateTimeInput().format_value(value)


def make_editor(django_user_model, *, urgent=False, username="editor"):
    user = django_user_model.objects.create_user(username, password="x")
    group, _ = Group.objects.get_or_create(name=f"outage editors {urgent}")
    codenames = ["access_admin", "add_outagenotice", "change_outagenotice", "publish_outagenotice"]
    if urgent:
        codenames.append("publish_urgent_maintenance")
    group.permissions.set(Permission.objects.filter(codename__in=codenames))
    user.groups.add(group)
    return user


def notice_data(**overrides):
    start = timezone.now() - dt.timedelta(minutes=10)
    data = {
        "kind": NoticeKind.OUTAGE,
        "impact": Impact.MAJOR,
        "title": "قطعی سامانهٔ وام",
        "title_en": "",
        "whole_portal": "on",
        "starts_at": jalali(start),
        "expected_end": "",
        "state": "",
        "ended_at": "",
        "initial_message": "سامانه در دسترس نیست؛ در حال بررسی هستیم.",
        "initial_message_en": "",
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def add_url():
    return reverse("outages_notices:add")


def test_an_editor_publishes_an_outage(client, django_user_model, home_page, service):
    client.force_login(make_editor(django_user_model))
    data = notice_data(whole_portal=None, services=[service.pk])
    response = client.post(add_url(), data)
    assert response.status_code == 302, response.context["form"].errors
    notice = OutageNotice.objects.get()
    assert notice.live and notice.state == NoticeState.INVESTIGATING
    assert list(notice.services.all()) == [service]
    assert notice.updates.get().message == "سامانه در دسترس نیست؛ در حال بررسی هستیم."
    # The whole site shows it at once.
    body = client.get("/").content.decode()
    assert f'data-banner-key="outage-{notice.pk}-active"' in body


def test_jalali_times_are_read_in_tehran_time(client, django_user_model):
    client.force_login(make_editor(django_user_model))
    response = client.post(add_url(), notice_data(starts_at="۱۴۰۵/۰۹/۰۳ ۰۸:۱۵"))
    assert response.status_code == 302
    notice = OutageNotice.objects.get()
    local = timezone.localtime(notice.starts_at)
    assert (local.year, local.month, local.day, local.hour, local.minute) == (2026, 11, 24, 8, 15)
    assert local.utcoffset() == dt.timedelta(hours=3, minutes=30)


def test_a_notice_needs_services_or_the_whole_portal(client, django_user_model):
    client.force_login(make_editor(django_user_model))
    response = client.post(add_url(), notice_data(whole_portal=None))
    assert response.status_code == 200
    assert "services" in response.context["form"].errors
    assert not OutageNotice.objects.exists()


def maintenance_data(hours_ahead, **overrides):
    start = timezone.now() + dt.timedelta(hours=hours_ahead)
    return notice_data(
        kind=NoticeKind.MAINTENANCE,
        title="به‌روزرسانی سرورها",
        starts_at=jalali(start),
        expected_end=jalali(start + dt.timedelta(hours=2)),
        **overrides,
    )


def test_maintenance_two_hours_ahead_is_refused_without_the_urgent_permission(
    client, django_user_model
):
    client.force_login(make_editor(django_user_model))
    with translation.override("fa"):
        response = client.post(add_url(), maintenance_data(2))
    assert response.status_code == 200
    assert not OutageNotice.objects.filter(live=True).exists()
    errors = response.context["form"].errors["starts_at"]
    message = " ".join(errors)
    # A clear Persian message: the rule, the time left, and what to do.
    assert "نگه‌داری برنامه‌ریزی‌شده باید دست‌کم ۴۸ ساعت پیش از شروع" in message
    assert "مجوز «نگه‌داری فوری»" in message
    assert "ساعت" in message
    assert message in response.content.decode()


def test_a_draft_of_short_notice_maintenance_may_be_saved(client, django_user_model):
    client.force_login(make_editor(django_user_model))
    data = maintenance_data(2, **{"action-publish": None})
    response = client.post(add_url(), data)
    assert response.status_code == 302
    notice = OutageNotice.objects.get()
    assert not notice.live and not notice.updates.exists()


def test_maintenance_two_hours_ahead_with_the_permission_is_published_as_urgent(
    client, django_user_model
):
    client.force_login(make_editor(django_user_model, urgent=True))
    response = client.post(add_url(), maintenance_data(2))
    assert response.status_code == 302
    notice = OutageNotice.objects.get()
    assert notice.live and notice.is_urgent
    page = client.get(notice.get_absolute_url()).content.decode()
    assert "نگه‌داری فوری" in page


def test_maintenance_three_days_ahead_needs_no_permission(client, django_user_model):
    client.force_login(make_editor(django_user_model))
    response = client.post(add_url(), maintenance_data(72))
    assert response.status_code == 302
    notice = OutageNotice.objects.get()
    assert notice.live and not notice.is_urgent


def test_the_notice_period_is_a_setting(client, django_user_model, settings):
    settings.OUTAGES_MAINTENANCE_NOTICE_HOURS = 1
    client.force_login(make_editor(django_user_model))
    assert client.post(add_url(), maintenance_data(2)).status_code == 302
    assert not OutageNotice.objects.get().is_urgent


def test_editing_a_published_notice_leaves_the_timeline_facts_alone(client, django_user_model):
    client.force_login(make_editor(django_user_model))
    notice = OutageNoticeFactory(draft=True)
    notice.save_revision().publish()
    url = reverse("outages_notices:edit", args=[notice.pk])
    form = client.get(url).context["form"]
    for name in ("state", "impact", "ended_at", "expected_end", "kind", "initial_message"):
        assert name not in form.fields
    response = client.post(
        url,
        {
            "title": "عنوان تازه",
            "title_en": "",
            "whole_portal": "on",
            "starts_at": jalali(notice.starts_at),
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    notice.refresh_from_db()
    assert notice.title == "عنوان تازه" and notice.state == NoticeState.INVESTIGATING
    history = client.get(reverse("outages_notices:history", args=[notice.pk]))
    assert history.status_code == 200


def test_posting_an_update_appends_to_the_timeline(client, django_user_model):
    editor = make_editor(django_user_model)
    client.force_login(editor)
    notice = OutageNoticeFactory(with_timeline=True)
    url = reverse("outages_notices:post_update", args=[notice.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert [value for value, _label in page.context["form"].fields["state"].choices] == [
        NoticeState.INVESTIGATING,
        NoticeState.IDENTIFIED,
        NoticeState.MONITORING,
        NoticeState.RESOLVED,
    ]
    response = client.post(
        url, {"state": NoticeState.RESOLVED, "impact": Impact.MAJOR, "message": "برطرف شد."}
    )
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.state == NoticeState.RESOLVED and notice.ended_at is not None
    assert notice.updates.count() == 2
    log = ModelLogEntry.objects.for_instance(notice).filter(action="outages.post_update").get()
    assert log.user == editor
    # A closed notice takes no more updates.
    assert client.get(url).status_code == 302


def test_posting_updates_needs_the_publish_permission(client, django_user_model):
    user = django_user_model.objects.create_user("viewer", password="x")
    group = Group.objects.create(name="changers")
    group.permissions.set(
        Permission.objects.filter(codename__in=["access_admin", "change_outagenotice"])
    )
    user.groups.add(group)
    client.force_login(user)
    notice = OutageNoticeFactory(with_timeline=True)
    url = reverse("outages_notices:post_update", args=[notice.pk])
    # Wagtail turns the refusal into a redirect to the dashboard with a message.
    assert client.get(url)["Location"] == reverse("wagtailadmin_home")
    response = client.post(url, {"state": NoticeState.RESOLVED, "impact": "major", "message": "x"})
    assert response["Location"] == reverse("wagtailadmin_home")
    notice.refresh_from_db()
    assert notice.state == NoticeState.INVESTIGATING


def test_the_urgent_permission_is_offered_to_groups(admin_client):
    permission = Permission.objects.get(codename="publish_urgent_maintenance")
    response = admin_client.get(reverse("wagtailusers_groups:add"))
    assert f'value="{permission.pk}"' in response.content.decode()


def test_the_listing_offers_post_update(admin_client):
    notice = OutageNoticeFactory(with_timeline=True)
    response = admin_client.get(reverse("outages_notices:list"))
    assert response.status_code == 200
    assert reverse("outages_notices:post_update", args=[notice.pk]) in response.content.decode()
