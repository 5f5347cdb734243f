"""A citizen's request to a unit, and the record of its status changes."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cms.fields import staff_member_field, tracking_code_field
from cms.tracking import format_tracking_code
from cms.working_calendar import due_at, working_time_between

from .. import conf
from ..enums import (
    AWAITING_ANSWER,
    FINAL,
    OPEN,
    RATEABLE,
    REASON_REQUIRED,
    Actor,
    RequestChannel,
    RequestStatus,
    can_transition,
)
from .staff import DeskStaff
from .wiring import provided


class RequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN)

    def awaiting_answer(self):
        return self.filter(status__in=AWAITING_ANSWER)

    def overdue(self, now=None):
        """Waiting for the unit's answer past the due time."""
        return self.awaiting_answer().filter(due_at__lt=now or timezone.now())

    def for_unit(self, unit):
        return self.filter(unit=unit)

    def for_service(self, service_code: str):
        return self.filter(service__code=service_code)

    def submitted_between(self, start, end):
        return self.filter(submitted_at__gte=start, submitted_at__lt=end)

    def visible_to(self, user):
        """The fence: superusers see every request, staff those of their own units and of
        the unstaffed units that fall back to them (:mod:`services.desk.routing`)."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        # unit_id IN (the user's units): no join to the staff table, no DISTINCT.
        own = DeskStaff.objects.filter(user=user).values_list("unit_id", flat=True)
        return self.filter(unit_id__in=sorted(provided.handled_unit_ids(own)))

    def with_related(self):
        return self.select_related("unit", "service", "assigned_to", "concerned_unit")


class ServiceRequest(models.Model):
    """What a citizen sent to the desk: a request, letter, complaint or meeting request."""

    # Users' data and staff records: kept out of Wagtail's reference index, so a page's
    # "usage" neither lists nor counts them (and saving one writes nothing there).
    wagtail_reference_index_ignore = True

    tracking_code = tracking_code_field()
    channel = models.CharField(
        _("channel"), max_length=16, choices=RequestChannel.choices, editable=False
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RequestStatus.choices,
        default=RequestStatus.NEW,
        editable=False,
        db_index=True,
    )
    unit = models.ForeignKey(
        "sitepages.UnitPage",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="desk_requests",
        editable=False,
    )
    concerned_unit = models.ForeignKey(
        "sitepages.UnitPage",
        verbose_name=_("unit complained about"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    service = models.ForeignKey(
        "sla.Service",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="desk_requests",
    )
    form_page = models.ForeignKey(
        "desk.ServiceFormPage",
        verbose_name=_("form page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
        editable=False,
    )

    # The citizen. Never shown outside the unit's staff and the tracking session.
    name = models.CharField(_("name"), max_length=150, editable=False)
    mobile = models.CharField(_("mobile number"), max_length=11, editable=False)
    email = models.EmailField(_("email"), blank=True, editable=False)
    national_code = models.CharField(_("national code"), max_length=10, blank=True, editable=False)
    language = models.CharField(_("language"), max_length=8, default="fa", editable=False)

    subject = models.CharField(_("subject"), max_length=200, editable=False)
    body = models.TextField(_("text"), editable=False)
    # What an editor-built form asked beyond the fixed fields: [[label, value], ...].
    form_data = models.JSONField(_("form answers"), default=list, blank=True, editable=False)

    # Meetings: whom the citizen asks to meet, and when they can come.
    official = models.ForeignKey(
        "sitepages.Official",
        verbose_name=_("official"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    official_name = models.CharField(_("official asked for"), max_length=300, blank=True)
    preferred_days = models.CharField(_("preferred days"), max_length=200, blank=True)
    preferred_times = models.CharField(_("preferred times"), max_length=200, blank=True)

    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="desk_assignments",
    )

    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, editable=False)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True, editable=False)
    first_replied_at = models.DateTimeField(
        _("first reply at"), null=True, blank=True, editable=False
    )
    # Working hours from submission to the first reply, pauses left out (for metrics).
    first_reply_working_hours = models.FloatField(null=True, blank=True, editable=False)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)
    answered_in_time = models.BooleanField(
        _("answered in time"), null=True, blank=True, editable=False
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True, editable=False)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True, editable=False)

    rating = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        editable=False,
    )
    rating_comment = models.TextField(_("comment on the answer"), blank=True, editable=False)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True, editable=False)

    history = HistoricalRecords()
    objects = RequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("service desk request")
        verbose_name_plural = _("service desk requests")
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["status", "due_at"]),
            # The staff queue's default order, for one unit and for all.
            models.Index(fields=["unit", "-submitted_at"], name="desk_request_unit_queue"),
            models.Index(fields=["-submitted_at"], name="desk_request_queue"),
            # The status filter of the queue, in its order.
            models.Index(fields=["status", "-submitted_at"], name="desk_request_status_queue"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="desk_request_rating_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.formatted_code} — {self.subject}"

    @property
    def formatted_code(self) -> str:
        return format_tracking_code(self.tracking_code)

    # State

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def is_final(self) -> bool:
        return self.status in FINAL

    @property
    def is_overdue(self) -> bool:
        return bool(self.status in AWAITING_ANSWER and self.due_at and self.due_at < timezone.now())

    @property
    def can_be_withdrawn(self) -> bool:
        return can_transition(self.status, RequestStatus.WITHDRAWN, Actor.CITIZEN)

    @property
    def can_be_rated(self) -> bool:
        return self.status in RATEABLE and self.rating is None

    @property
    def accepts_citizen_messages(self) -> bool:
        return self.status in OPEN or self.status == RequestStatus.ANSWERED

    def response_target(self) -> tuple[int, str]:
        if self.service_id and self.service.response_target_value:
            return self.service.response_target_value, self.service.response_target_unit
        return conf.default_response_target()

    def pauses(self) -> list[tuple[dt.datetime, dt.datetime | None]]:
        """The intervals spent waiting for the citizen (the clock stops during them)."""
        if self.pk is None:
            return []  # not sent yet: no status change, no pause
        pauses, started = [], None
        for change in self.status_changes.order_by("at", "pk"):
            if change.to_status == RequestStatus.WAITING and started is None:
                started = change.at
            elif change.from_status == RequestStatus.WAITING and started is not None:
                pauses.append((started, change.at))
                started = None
        if started is not None:
            pauses.append((started, None))
        return pauses

    def compute_due_at(self, calendar=None):
        value, unit = self.response_target()
        return due_at(self.submitted_at, value, unit, pauses=self.pauses(), calendar=calendar)

    def working_hours_until(self, moment, calendar=None) -> float:
        spent = working_time_between(
            self.submitted_at, moment, pauses=self.pauses(), calendar=calendar
        )
        return round(spent.total_seconds() / 3600, 2)

    def clean(self):
        super().clean()
        if self.status in REASON_REQUIRED and not self.rejection_reason.strip():
            raise ValidationError({"rejection_reason": _("Say why the request is rejected.")})


class StatusChange(models.Model):
    """One move of a request through the transitions table: the citizen's timeline."""

    request = models.ForeignKey(
        ServiceRequest, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(
        _("from"), max_length=16, choices=RequestStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=16, choices=RequestStatus.choices)
    actor = models.CharField(_("by"), max_length=10, choices=Actor.choices)
    user = staff_member_field()
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"
