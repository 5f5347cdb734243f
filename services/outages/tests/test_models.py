"""Notices: validation, state, announcement and urgency, and the append-only timeline."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from services.outages.enums import Impact, NoticeKind, NoticeState, next_states
from services.outages.models import NoticeUpdate, OutageNotice
from services.outages.timeline import post_update

from .factories import NoticeUpdateFactory, OutageNoticeFactory

pytestmark = pytest.mark.django_db


def build(**fields):
    defaults = {
        "kind": NoticeKind.OUTAGE,
        "title": "قطعی",
        "whole_portal": True,
        "impact": Impact.MAJOR,
        "state": NoticeState.INVESTIGATING,
        "starts_at": timezone.now() - dt.timedelta(hours=1),
        "initial_message": "در حال بررسی",
    }
    return OutageNotice(**{**defaults, **fields})


def errors_of(notice):
    with pytest.raises(ValidationError) as caught:
        notice.full_clean()
    return caught.value.message_dict


def test_a_valid_notice_passes():
    build().full_clean()


def test_the_end_must_come_after_the_start():
    start = timezone.now() - dt.timedelta(hours=3)
    errors = errors_of(build(starts_at=start, expected_end=start - dt.timedelta(minutes=1)))
    assert "expected_end" in errors
    errors = errors_of(build(starts_at=start, ended_at=start, state=NoticeState.RESOLVED))
    assert "ended_at" in errors


def test_a_resolved_notice_needs_its_actual_end():
    assert "ended_at" in errors_of(build(state=NoticeState.RESOLVED))
    assert "ended_at" in errors_of(
        build(kind=NoticeKind.MAINTENANCE, state=NoticeState.COMPLETED, expected_end=timezone.now())
    )
    build(state=NoticeState.RESOLVED, ended_at=timezone.now()).full_clean()


def test_an_actual_end_belongs_only_to_a_finished_notice_and_not_to_the_future():
    assert "ended_at" in errors_of(build(ended_at=timezone.now()))
    future = timezone.now() + dt.timedelta(hours=1)
    assert "ended_at" in errors_of(build(state=NoticeState.RESOLVED, ended_at=future))


def test_the_state_must_belong_to_the_kind_and_maintenance_needs_an_expected_end():
    errors = errors_of(build(kind=NoticeKind.MAINTENANCE, state=NoticeState.INVESTIGATING))
    assert "state" in errors and "expected_end" in errors


def test_is_active_now_and_is_upcoming():
    active = OutageNoticeFactory()
    assert active.is_active_now and not active.is_upcoming
    assert not OutageNoticeFactory(resolved=True).is_active_now
    assert not OutageNoticeFactory(draft=True).is_active_now
    upcoming = OutageNoticeFactory(maintenance=True, upcoming=True)
    assert upcoming.is_upcoming and not upcoming.is_active_now
    now = timezone.now()
    assert set(OutageNotice.objects.active(now)) == {active}
    assert set(OutageNotice.objects.upcoming(now, hours=48)) == {upcoming}
    assert not OutageNotice.objects.upcoming(now, hours=12).exists()


def test_publishing_records_the_announcement_and_urgency():
    soon = OutageNoticeFactory(
        maintenance=True, starts_at=timezone.now() + dt.timedelta(hours=2), draft=True
    )
    assert soon.announced_at is None and not soon.is_urgent
    soon.save_revision().publish()
    soon.refresh_from_db()
    assert soon.announced_at is not None and soon.is_urgent
    assert soon.lead_time < dt.timedelta(hours=2, minutes=1)

    later = OutageNoticeFactory(
        maintenance=True, starts_at=timezone.now() + dt.timedelta(days=5), draft=True
    )
    later.save_revision().publish()
    later.refresh_from_db()
    assert not later.is_urgent


def test_moving_a_maintenance_earlier_is_a_new_announcement():
    notice = OutageNoticeFactory(
        maintenance=True, starts_at=timezone.now() + dt.timedelta(days=5), draft=True
    )
    notice.save_revision().publish()
    notice.refresh_from_db()
    assert not notice.is_short_notice()
    first_announced = notice.announced_at
    # Later: only more notice, the announcement stands.
    notice.starts_at += dt.timedelta(days=1)
    assert not notice.is_short_notice()
    notice.save()
    assert notice.announced_at == first_announced and not notice.is_urgent
    # Earlier, to tomorrow morning: announced now, at short notice.
    notice.starts_at = timezone.now() + dt.timedelta(hours=20)
    notice.expected_end = notice.starts_at + dt.timedelta(hours=2)
    assert notice.is_short_notice()
    notice.save()
    assert notice.announced_at > first_announced and notice.is_urgent


def test_outages_are_never_urgent_maintenance():
    notice = OutageNoticeFactory(starts_at=timezone.now() - dt.timedelta(minutes=5))
    assert not notice.is_urgent and not notice.is_short_notice()


def test_the_first_publication_starts_the_timeline():
    notice = OutageNoticeFactory(draft=True, initial_message="سامانه از دسترس خارج شده است.")
    assert not notice.updates.exists()
    notice.save_revision().publish()
    (first,) = notice.updates.all()
    assert first.state == NoticeState.INVESTIGATING and first.impact == Impact.MAJOR
    assert first.message == "سامانه از دسترس خارج شده است."
    # Publishing again (an edit) does not add another.
    notice.refresh_from_db()
    notice.title = "عنوان اصلاح‌شده"
    notice.save_revision().publish()
    assert notice.updates.count() == 1


def test_an_update_moves_the_notice_without_touching_the_past(django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x")
    notice = OutageNoticeFactory(with_timeline=True)
    first = notice.updates.get()
    update = post_update(
        notice,
        user=editor,
        state=NoticeState.IDENTIFIED,
        message="علت پیدا شد.",
        impact=Impact.PARTIAL,
    )
    notice.refresh_from_db()
    assert (notice.state, notice.impact) == (NoticeState.IDENTIFIED, Impact.PARTIAL)
    first.refresh_from_db()
    assert first.state == NoticeState.INVESTIGATING and first.impact == Impact.MAJOR
    assert [u.pk for u in notice.timeline()] == [first.pk, update.pk]
    assert update.posted_by == editor

    resolved = post_update(notice, user=editor, state=NoticeState.RESOLVED, message="برطرف شد.")
    notice.refresh_from_db()
    assert notice.state == NoticeState.RESOLVED and notice.ended_at == resolved.ended_at
    assert notice.is_over and not notice.is_active_now


def test_updates_are_never_edited():
    update = NoticeUpdateFactory()
    update.message = "تغییر گذشته"
    with pytest.raises(ValueError, match="never edited"):
        update.save()
    # Only the bookkeeping of emails may change.
    update.notified_at = timezone.now()
    update.save(update_fields=["notified_at"])


def test_the_timeline_refuses_moves_the_table_does_not_allow(django_user_model):
    notice = OutageNoticeFactory(maintenance=True, with_timeline=True)
    assert NoticeState.RESOLVED not in next_states(notice.state)
    with pytest.raises(ValidationError) as caught:
        post_update(notice, user=None, state=NoticeState.RESOLVED, message="x")
    assert "state" in caught.value.message_dict
    closed = OutageNoticeFactory(resolved=True)
    with pytest.raises(ValidationError):
        post_update(closed, user=None, state=NoticeState.MONITORING, message="x")
    draft = OutageNoticeFactory(draft=True)
    with pytest.raises(ValidationError):
        post_update(draft, user=None, state=NoticeState.IDENTIFIED, message="x")
    assert NoticeUpdate.objects.filter(notice__in=[closed, draft]).count() == 0


def test_a_revision_never_rolls_back_what_the_timeline_owns():
    notice = OutageNoticeFactory(draft=True)
    notice.save_revision().publish()
    notice.refresh_from_db()
    stale = notice.save_revision()  # a draft saved while the outage was "investigating"
    post_update(
        notice,
        user=None,
        state=NoticeState.RESOLVED,
        message="برطرف شد.",
        ended_at=timezone.now(),
    )
    stale.publish()
    notice.refresh_from_db()
    assert notice.state == NoticeState.RESOLVED and notice.ended_at is not None
