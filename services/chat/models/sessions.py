"""A live conversation between a citizen and a unit's officials."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cms.fields import tracking_code_field
from cms.tracking import TRACKING_CODE_LENGTH, format_tracking_code
from cms.transitions import TransitionRecord

from ..enums import CLOSED, OPEN, RATEABLE, Actor, ChatState, ViewAction


def new_citizen_token() -> str:
    return secrets.token_urlsafe(32)


class ChatSessionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN)

    def closed(self):
        return self.filter(state__in=CLOSED)

    def waiting(self):
        return self.filter(state=ChatState.WAITING)

    def active(self):
        return self.filter(state=ChatState.ACTIVE)

    def for_unit(self, unit):
        return self.filter(unit=unit)

    def handled_by(self, user):
        return self.filter(official=user)

    def started_between(self, start, end):
        return self.filter(created_at__gte=start, created_at__lt=end)

    def visible_to(self, user):
        """The fence: superusers see every chat, officials those of their own units."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        units = user.chat_memberships.values_list("unit_id", flat=True)
        return self.filter(unit_id__in=list(units))

    def managed_by(self, user):
        """Chats of the units ``user`` manages (past chats, figures)."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        units = user.chat_memberships.filter(is_manager=True).values_list("unit_id", flat=True)
        return self.filter(unit_id__in=list(units))


class ChatSession(models.Model):
    """One chat: who asked which unit, who answered, when, and how it ended."""

    # Users' data and staff records: kept out of Wagtail's reference index, so a page's
    # "usage" neither lists nor counts them (and saving one writes nothing there).
    wagtail_reference_index_ignore = True

    tracking_code = tracking_code_field()
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=ChatState.choices,
        default=ChatState.WAITING,
        editable=False,
        db_index=True,
    )
    # Always the unit's canonical (default-language) page, where its officials are.
    unit = models.ForeignKey(
        "sitepages.UnitPage",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="chat_sessions",
        editable=False,
    )
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("official"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chat_sessions",
        editable=False,
    )

    # The citizen. Never shown outside the unit's officials and the citizen's own session.
    name = models.CharField(_("name"), max_length=150, editable=False)
    mobile = models.CharField(_("mobile number"), max_length=11, editable=False, db_index=True)
    language = models.CharField(_("language"), max_length=8, default="fa", editable=False)
    # Binds the citizen's browser session (and its sockets) to this chat.
    citizen_token = models.CharField(max_length=64, default=new_citizen_token, editable=False)
    client_address = models.GenericIPAddressField(
        _("client address"), null=True, blank=True, editable=False
    )

    created_at = models.DateTimeField(_("started"), default=timezone.now, editable=False)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True, editable=False)
    first_reply_at = models.DateTimeField(_("first reply"), null=True, blank=True, editable=False)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True, editable=False)
    ended_by = models.CharField(
        _("ended by"), max_length=10, choices=Actor.choices, blank=True, editable=False
    )
    # Signs of life, for the queue (a citizen who left) and the console (idle chats).
    citizen_seen_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_activity_at = models.DateTimeField(default=timezone.now, editable=False)
    # The highest message number given in this chat (messages are numbered 1, 2, 3...).
    last_seq = models.PositiveIntegerField(default=0, editable=False)

    rating = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        editable=False,
    )
    rating_comment = models.TextField(_("comment on the rating"), blank=True, editable=False)
    rated_at = models.DateTimeField(_("rated"), null=True, blank=True, editable=False)

    # The desk request the chat continued as (its tracking code): chat does not know desk.
    converted_code = models.CharField(
        _("continued as request"), max_length=TRACKING_CODE_LENGTH, blank=True, editable=False
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    # Counters and signs of life change with every message: not worth a history row.
    history = HistoricalRecords(
        excluded_fields=["citizen_token", "citizen_seen_at", "last_activity_at", "last_seq"]
    )
    objects = ChatSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("chat")
        verbose_name_plural = _("chats")
        ordering = ["-created_at", "-pk"]
        permissions = [("manage_chat", "Can see the unit's past chats and figures")]
        indexes = [models.Index(fields=["unit", "state", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="chat_rating_1_to_5",
            )
        ]

    def __str__(self):
        return format_tracking_code(self.tracking_code)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN

    @property
    def is_rateable(self) -> bool:
        return self.state in RATEABLE and self.accepted_at is not None and self.rating is None

    @property
    def tracking_code_display(self) -> str:
        return format_tracking_code(self.tracking_code)


class ChatTransition(TransitionRecord):
    """One move of a chat through :data:`services.chat.enums.CHAT_WORKFLOW`."""

    subject_field = "session"

    session = models.ForeignKey(
        ChatSession,
        verbose_name=_("chat"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    from_state = models.CharField(_("from"), max_length=32, blank=True, choices=ChatState.choices)
    to_state = models.CharField(_("to"), max_length=32, choices=ChatState.choices)
    actor = models.CharField(_("by"), max_length=20, blank=True, choices=Actor.choices)

    class Meta(TransitionRecord.Meta):
        verbose_name = _("chat state change")
        verbose_name_plural = _("chat state changes")


class ChatTransfer(models.Model):
    """A chat passed to another unit (back into its queue) or to a colleague."""

    session = models.ForeignKey(
        ChatSession, verbose_name=_("chat"), on_delete=models.CASCADE, related_name="transfers"
    )
    from_unit = models.ForeignKey(
        "sitepages.UnitPage",
        verbose_name=_("from unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_unit = models.ForeignKey(
        "sitepages.UnitPage",
        verbose_name=_("to unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("from official"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("to official"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("transferred by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("chat transfer")
        verbose_name_plural = _("chat transfers")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.session} → {self.to_official or self.to_unit}"


class ChatViewLog(models.Model):
    """A staff member looked at a chat: who, which, what, when."""

    # Staff records: kept out of Wagtail's reference index (see ChatSession).
    wagtail_reference_index_ignore = True

    session = models.ForeignKey(
        ChatSession, verbose_name=_("chat"), on_delete=models.CASCADE, related_name="view_logs"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=12, choices=ViewAction.choices)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("chat view")
        verbose_name_plural = _("chat view log")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.user} — {self.session} ({self.get_action_display()})"
