"""Posting to a notice's public timeline: the one way its state changes once published."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .enums import FINAL_STATES, NoticeState, next_states
from .models import NoticeUpdate, OutageNotice
from .models.notices import CLOCK_TOLERANCE
from .tasks import notify_subscribers

POST_UPDATE_ACTION = "outages.post_update"


def notify_on_commit(update: NoticeUpdate) -> None:
    update_id = update.pk
    transaction.on_commit(lambda: notify_subscribers.enqueue(update_id))


@transaction.atomic
def record_first_update(notice: OutageNotice, user=None) -> NoticeUpdate | None:
    """The first timeline entry, made when the notice is first published."""
    if notice.updates.exists():
        return None
    update = NoticeUpdate.objects.create(
        notice=notice,
        posted_at=notice.first_published_at or timezone.now(),
        posted_by=user,
        state=notice.state,
        impact=notice.impact,
        message=notice.initial_message,
        message_en=notice.initial_message_en,
        expected_end=notice.expected_end,
        ended_at=notice.ended_at,
    )
    notify_on_commit(update)
    return update


def validate_update(
    notice: OutageNotice,
    *,
    state: str,
    ended_at: dt.datetime | None,
    expected_end: dt.datetime | None,
    now: dt.datetime,
) -> None:
    """Raises ValidationError (with field names) when this update cannot be posted."""
    if not notice.live:
        raise ValidationError(_("Publish the notice before posting updates to its timeline."))
    if notice.is_over:
        raise ValidationError(_("This notice is closed. A new problem needs a new notice."))
    errors = {}
    if state not in next_states(notice.state):
        errors["state"] = _("A notice that is “%(current)s” cannot move to “%(new)s”.") % {
            "current": NoticeState(notice.state).label,
            "new": NoticeState(state).label if state in NoticeState.values else state,
        }
    if state in FINAL_STATES:
        if ended_at is None:
            errors["ended_at"] = _("Give the time the service was back.")
        elif ended_at <= notice.starts_at:
            errors["ended_at"] = _("The actual end must be after the start.")
        elif ended_at > now + CLOCK_TOLERANCE:
            errors["ended_at"] = _("The actual end cannot be in the future.")
    if expected_end is not None and expected_end <= notice.starts_at:
        errors["expected_end"] = _("The expected end must be after the start.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def post_update(
    notice: OutageNotice,
    *,
    user,
    state: str,
    message: str,
    message_en: str = "",
    impact: str | None = None,
    expected_end: dt.datetime | None = None,
    ended_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> NoticeUpdate:
    """Appends an update to the timeline and moves the notice to its new state.

    Past updates are left as they are. A resolving update without an actual end ends
    the notice now. Subscribers are emailed once the transaction commits.
    """
    now = now or timezone.now()
    notice = OutageNotice.objects.select_for_update().get(pk=notice.pk)
    if state not in FINAL_STATES:
        ended_at = None
    elif ended_at is None:
        ended_at = now
    validate_update(notice, state=state, ended_at=ended_at, expected_end=expected_end, now=now)
    update = NoticeUpdate.objects.create(
        notice=notice,
        posted_at=now,
        posted_by=user,
        state=state,
        impact=impact or notice.impact,
        message=message,
        message_en=message_en,
        expected_end=expected_end or notice.expected_end,
        ended_at=ended_at,
    )
    notice.state = update.state
    notice.impact = update.impact
    notice.expected_end = update.expected_end
    notice.ended_at = update.ended_at
    notice.save(update_fields=["state", "impact", "expected_end", "ended_at"])
    log(
        instance=notice,
        action=POST_UPDATE_ACTION,
        user=user,
        data={
            "update_id": update.pk,
            "state": update.state,
            "impact": update.impact,
        },
        content_changed=True,
    )
    notify_on_commit(update)
    return update
