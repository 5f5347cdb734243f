"""Emails to the owners of statements that expire within 30 days."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from sla.models import ExpiryNotice
from sla.notifications import notify_expiring

from .factories import make_sla_index, make_statement


@pytest.fixture
def owner(db):
    return get_user_model().objects.create_user("owner", "owner@example.org", "pass")


def test_owners_are_emailed_once_a_day(home_page, owner):
    index = make_sla_index(home_page)
    today = dt.date(2030, 1, 1)
    soon = make_statement(
        index,
        valid_until=today + dt.timedelta(days=20),
        owner=owner,
        notification_email="sla@example.org",
        slug="soon",
    )
    make_statement(index, valid_until=today + dt.timedelta(days=45), owner=owner, slug="later")
    make_statement(index, valid_until=today - dt.timedelta(days=1), owner=owner, slug="gone")
    results = notify_expiring(today=today)
    assert [r.statement.pk for r in results if r.sent] == [soon.pk]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["owner@example.org", "sla@example.org"]
    assert f"/admin/pages/{soon.pk}/edit/" in message.body
    assert "۲۰" in message.subject  # days left, in Persian
    # Running again the same day sends nothing more; the next day it does.
    notify_expiring(today=today)
    assert len(mail.outbox) == 1
    notify_expiring(today=today + dt.timedelta(days=1))
    assert len(mail.outbox) == 2
    assert ExpiryNotice.objects.filter(statement=soon).count() == 2


def test_drafts_are_not_notified_and_dry_run_sends_nothing(home_page, owner):
    index = make_sla_index(home_page)
    today = dt.date(2030, 1, 1)
    make_statement(index, valid_until=today + dt.timedelta(days=5), owner=owner, publish=False)
    assert notify_expiring(today=today) == []
    make_statement(index, valid_until=today + dt.timedelta(days=5), owner=owner, slug="live")
    results = notify_expiring(today=today, dry_run=True)
    assert [r.reason for r in results] == ["dry run"]
    assert mail.outbox == []
    assert ExpiryNotice.objects.count() == 0


def test_command_is_idempotent(home_page, owner):
    index = make_sla_index(home_page)
    make_statement(index, valid_until=dt.date.today() + dt.timedelta(days=3), owner=owner)
    out = StringIO()
    call_command("notify_expiring_sla", stdout=out)
    call_command("notify_expiring_sla", stdout=out)
    assert len(mail.outbox) == 1
    assert "already sent today" in out.getvalue()


def test_command_accepts_a_jalali_date(home_page, owner):
    index = make_sla_index(home_page)
    make_statement(index, valid_until=dt.date(2022, 3, 20), owner=owner)  # 1400/12/29
    call_command("notify_expiring_sla", "--date", "۱۴۰۰/۱۲/۰۱", stdout=StringIO())
    assert len(mail.outbox) == 1
