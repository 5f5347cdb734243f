"""Outage and maintenance notices, and their public timeline of updates.

A notice is a Wagtail snippet with drafts and revisions (its history). Once published,
the facts that change as the event unfolds (state, impact, expected and actual end) are
owned by the timeline: they change only by posting a :class:`NoticeUpdate`, which is
appended and never edited. Revisions cover the rest (title, affected services, start).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from cms.i18n import is_english

from .. import conf
from ..availability import Segment, notice_segments
from ..enums import (
    FINAL_STATES,
    IMPACT_SEVERITY,
    Impact,
    NoticeKind,
    NoticeState,
    initial_state,
    states_for,
)

# An actual end a few minutes ahead of the server clock is a clock difference, not a
# prediction; anything later is a mistake.
CLOCK_TOLERANCE = dt.timedelta(minutes=5)


class OutageNoticeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)

    def open(self):
        """Not resolved or completed yet."""
        return self.filter(ended_at__isnull=True)

    def active(self, now: dt.datetime | None = None):
        """Published, started and not over: what is happening now."""
        now = now or timezone.now()
        return self.published().open().filter(starts_at__lte=now)

    def upcoming(self, now: dt.datetime | None = None, hours: int | None = None):
        """Published maintenance that has not started, within ``hours`` if given."""
        now = now or timezone.now()
        queryset = self.published().open().filter(kind=NoticeKind.MAINTENANCE, starts_at__gt=now)
        if hours is not None:
            queryset = queryset.filter(starts_at__lte=now + dt.timedelta(hours=hours))
        return queryset

    def past(self):
        return self.published().filter(ended_at__isnull=False)

    def overlapping(self, start: dt.datetime, end: dt.datetime | None = None):
        """Notices whose time overlaps ``[start, end)`` (open ones reach until now)."""
        queryset = self.filter(Q(ended_at__isnull=True) | Q(ended_at__gt=start))
        if end is not None:
            queryset = queryset.filter(starts_at__lt=end)
        return queryset

    def affecting(self, service):
        """Notices about ``service``, or about the whole portal."""
        return self.filter(Q(whole_portal=True) | Q(services=service)).distinct()

    def with_timeline(self):
        return self.prefetch_related("services", "updates")


class OutageNotice(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    """An unplanned outage or a planned maintenance, announced to the public."""

    kind = models.CharField(
        _("kind"), max_length=16, choices=NoticeKind.choices, default=NoticeKind.OUTAGE
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("What is wrong or what will be done, in a few words."),
    )
    title_en = models.CharField(
        _("title in English"),
        max_length=200,
        blank=True,
        help_text=_("Shown on the English pages; the Persian title is used when empty."),
    )
    whole_portal = models.BooleanField(
        _("the whole portal"),
        default=False,
        help_text=_("Tick when the whole portal is affected, not only some services."),
    )
    services = ParentalManyToManyField(
        "sla.Service",
        verbose_name=_("affected services"),
        blank=True,
        related_name="outage_notices",
    )
    impact = models.CharField(
        _("impact"), max_length=16, choices=Impact.choices, default=Impact.MAJOR
    )
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=NoticeState.choices,
        default=NoticeState.INVESTIGATING,
        help_text=_("Where things stand when the notice is first published."),
    )
    starts_at = models.DateTimeField(_("start"), db_index=True)
    expected_end = models.DateTimeField(_("expected end"), null=True, blank=True)
    ended_at = models.DateTimeField(
        _("actual end"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("When the service was back. Required for a resolved or completed notice."),
    )
    initial_message = models.TextField(
        _("first announcement"),
        help_text=_(
            "The first entry of the public timeline: what citizens should know. Later "
            "news is posted as updates to the timeline."
        ),
    )
    initial_message_en = models.TextField(_("first announcement in English"), blank=True)

    # Set when the notice goes live (see save()): when its start time was announced,
    # and whether that was too late for the maintenance notice period.
    announced_at = models.DateTimeField(_("announced at"), null=True, blank=True, editable=False)
    announced_starts_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_urgent = models.BooleanField(
        _("urgent maintenance"),
        default=False,
        editable=False,
        help_text=_("Maintenance announced less than the notice period before it starts."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="outagenotice")
    # Editors submit notices to the Moderators' approval workflow (see ``setup``).
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="outagenotice",
        for_concrete_model=False,
    )

    objects = OutageNoticeQuerySet.as_manager()

    # Fields the timeline owns once the notice has been published: a revision (an
    # older draft, a revert) must never roll them back.
    TIMELINE_FIELDS = (
        "kind",
        "state",
        "impact",
        "expected_end",
        "ended_at",
        "initial_message",
        "initial_message_en",
        "announced_at",
        "announced_starts_at",
        "is_urgent",
    )

    class Meta:
        verbose_name = _("outage notice")
        verbose_name_plural = _("outage notices")
        ordering = ["-starts_at", "-pk"]
        permissions = [
            (
                "publish_urgent_maintenance",
                _("Can publish maintenance at shorter notice than the notice period"),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def revisions(self):
        return self._revisions

    # Validation

    def clean(self):
        super().clean()
        errors = {}
        if self.state and self.state not in states_for(self.kind):
            errors["state"] = _("This state does not belong to this kind of notice.")
        if self.starts_at and self.expected_end and self.expected_end <= self.starts_at:
            errors["expected_end"] = _("The expected end must be after the start.")
        if self.starts_at and self.ended_at and self.ended_at <= self.starts_at:
            errors["ended_at"] = _("The actual end must be after the start.")
        elif self.ended_at and self.ended_at > timezone.now() + CLOCK_TOLERANCE:
            errors["ended_at"] = _("The actual end cannot be in the future.")
        if self.state in FINAL_STATES and not self.ended_at:
            errors["ended_at"] = _("A resolved or completed notice needs its actual end.")
        elif self.ended_at and self.state not in FINAL_STATES and "ended_at" not in errors:
            errors["ended_at"] = _(
                "Give an actual end only when the notice is resolved or completed."
            )
        if self.kind == NoticeKind.MAINTENANCE and self.starts_at and not self.expected_end:
            errors["expected_end"] = _("Planned maintenance needs an expected end.")
        if errors:
            raise ValidationError(errors)

    # Announcement and urgency

    @property
    def notice_hours(self) -> int:
        return conf.maintenance_notice_hours()

    def notice_period(self) -> dt.timedelta:
        return dt.timedelta(hours=self.notice_hours)

    def announces_new_start(self) -> bool:
        """Whether publishing now announces a start people have not been told about.

        True on first publication and when the start moves earlier; moving it later
        only gives people more notice.
        """
        return self.announced_starts_at is None or (
            self.starts_at is not None and self.starts_at < self.announced_starts_at
        )

    def is_short_notice(self, at: dt.datetime | None = None) -> bool:
        """Maintenance that, published at ``at``, comes sooner than the notice period."""
        at = at or timezone.now()
        return (
            self.kind == NoticeKind.MAINTENANCE
            and self.starts_at is not None
            and self.announces_new_start()
            and self.starts_at - at < self.notice_period()
        )

    def record_announcement(self, at: dt.datetime | None = None) -> None:
        """Remember when the start was announced and whether that was urgent."""
        at = at or timezone.now()
        if self.announces_new_start():
            self.announced_at = at
        if self.announced_starts_at != self.starts_at:
            self.announced_starts_at = self.starts_at
            self.is_urgent = (
                self.kind == NoticeKind.MAINTENANCE
                and self.starts_at - self.announced_at < self.notice_period()
            )

    @property
    def lead_time(self) -> dt.timedelta | None:
        if self.announced_at is None or self.starts_at is None:
            return None
        return self.starts_at - self.announced_at

    def save(self, *args, **kwargs):
        if self.live and kwargs.get("update_fields") is None:
            self.record_announcement()
        super().save(*args, **kwargs)

    def with_content_json(self, content):
        """The object as a revision has it, but with the timeline's facts as they are
        now in the database (not as this possibly stale instance remembers them)."""
        obj = super().with_content_json(content)
        if self.pk is None:
            return obj
        current = (
            type(self)
            .objects.filter(pk=self.pk, first_published_at__isnull=False)
            .values(*self.TIMELINE_FIELDS)
            .first()
        )
        for name, value in (current or {}).items():
            setattr(obj, name, value)
        return obj

    # State

    @property
    def is_maintenance(self) -> bool:
        return self.kind == NoticeKind.MAINTENANCE

    @property
    def is_over(self) -> bool:
        return self.ended_at is not None

    def is_active_at(self, at: dt.datetime) -> bool:
        return self.live and not self.is_over and self.starts_at <= at

    @property
    def is_active_now(self) -> bool:
        return self.is_active_at(timezone.now())

    def is_upcoming_at(self, at: dt.datetime) -> bool:
        return self.live and not self.is_over and self.starts_at > at

    @property
    def is_upcoming(self) -> bool:
        return self.is_upcoming_at(timezone.now())

    @property
    def severity(self) -> int:
        return IMPACT_SEVERITY.get(self.impact, 0)

    def default_state(self) -> str:
        return initial_state(self.kind)

    # Display

    @property
    def display_title(self) -> str:
        return self.title_en if is_english() and self.title_en else self.title

    @property
    def display_initial_message(self) -> str:
        if is_english() and self.initial_message_en:
            return self.initial_message_en
        return self.initial_message

    def get_absolute_url(self) -> str:
        return reverse("outages:notice", args=[self.pk])

    def affected_services(self) -> list:
        """The affected services (from the prefetch cache when there is one)."""
        return list(self.services.all())

    def timeline(self) -> list:
        """Updates oldest first (from the prefetch cache when there is one)."""
        return sorted(self.updates.all(), key=lambda update: (update.posted_at, update.pk))

    def last_activity_at(self) -> dt.datetime | None:
        times = [update.posted_at for update in self.updates.all()]
        if self.last_published_at:
            times.append(self.last_published_at)
        return max(times) if times else None

    def segments(self, now: dt.datetime | None = None) -> list[Segment]:
        """The notice's stretches of time with one impact each, up to ``now``."""
        return notice_segments(
            starts_at=self.starts_at,
            ended_at=self.ended_at,
            impact=self.impact,
            kind=self.kind,
            now=now or timezone.now(),
            impact_changes=[(update.posted_at, update.impact) for update in self.timeline()],
            notice_id=self.pk,
        )

    def affects(self, service_id: int) -> bool:
        return self.whole_portal or any(s.pk == service_id for s in self.services.all())
