"""Forms: the editors' notice form and timeline update, and the public subscription."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.formatting import fa_digits
from cms.forms import PersianFormMixin
from cms.text import normalize_text
from cms.widgets import JalaliDateTimePicker
from sla.models import Service

from . import conf
from .durations import format_duration
from .enums import (
    FINAL_STATES,
    Impact,
    NoticeKind,
    NoticeState,
    initial_state,
    next_states,
    states_for,
)
from .timeline import validate_update

URGENT_PERMISSION = "outages.publish_urgent_maintenance"


def user_may_publish_urgent(user) -> bool:
    return bool(user and user.has_perm(URGENT_PERMISSION))


def short_notice_message(hours: int, left) -> str:
    return gettext(
        "Planned maintenance must be announced at least %(hours)s hours before it starts, "
        "and this one starts %(left)s after publication. Publishing it now needs the "
        "“urgent maintenance” permission: ask an administrator for it, move the start "
        "later, or save a draft."
    ) % {"hours": fa_digits(hours), "left": left}


class OutageNoticeForm(WagtailAdminModelForm):
    """The notice form. Once a notice is published, the facts its timeline owns
    (state, impact, ends, first announcement) leave this form: they change only by
    posting an update."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.first_published_at is not None:
            for name in self.instance.TIMELINE_FIELDS:
                self.fields.pop(name, None)
        if "state" in self.fields:
            field = self.fields["state"]
            field.required = False
            field.choices = [("", _("The first state of its kind")), *NoticeState.choices]
            if not self.instance.pk:
                # Not the model's default ("investigating"): the state follows the kind.
                self.initial["state"] = ""
        if "services" in self.fields:
            self.fields["services"].queryset = Service.objects.order_by("title")
        for name in ("title", "title_en", "initial_message", "initial_message_en"):
            if name in self.fields:
                field = self.fields[name]
                field.to_python = _normalizing(field.to_python)

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind", self.instance.kind)
        if "state" in self.fields and (
            not cleaned.get("state") or cleaned["state"] not in states_for(kind)
        ):
            # Before publication the state follows the kind: a state of another kind
            # (an outage's "investigating" on planned maintenance) becomes the kind's first.
            cleaned["state"] = initial_state(kind)
        if "whole_portal" in cleaned or "services" in cleaned:
            services = cleaned.get("services")
            if not cleaned.get("whole_portal") and not (services and len(services)):
                self.add_error(
                    "services",
                    _("Choose the affected services, or tick “the whole portal”."),
                )
        if not self.is_deferred_validation:
            self.check_notice_period(cleaned, kind)
        return cleaned

    def check_notice_period(self, cleaned, kind):
        """Publishing maintenance at short notice needs the urgent-maintenance permission."""
        starts_at = cleaned.get("starts_at")
        if kind != NoticeKind.MAINTENANCE or starts_at is None:
            return
        probe = self.instance.__class__(
            kind=kind,
            starts_at=starts_at,
            announced_starts_at=self.instance.announced_starts_at,
        )
        now = timezone.now()
        if probe.is_short_notice(now) and not user_may_publish_urgent(self.for_user):
            self.add_error(
                "starts_at",
                short_notice_message(
                    conf.maintenance_notice_hours(), format_duration(starts_at - now)
                ),
            )


def _normalizing(to_python):
    def wrapped(value):
        return normalize_text(to_python(value))

    return wrapped


class NoticeUpdateForm(PersianFormMixin, forms.Form):
    """One new entry for a notice's timeline."""

    state = forms.ChoiceField(label=_("New state"))
    impact = forms.ChoiceField(label=_("Impact"), choices=Impact.choices)
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What changed and what citizens should do, in plain words."),
    )
    message_en = forms.CharField(
        label=_("Message in English"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    expected_end = forms.DateTimeField(
        label=_("Expected end"), required=False, widget=JalaliDateTimePicker()
    )
    ended_at = forms.DateTimeField(
        label=_("Actual end"),
        required=False,
        widget=JalaliDateTimePicker(),
        help_text=_(
            "For a resolved or completed notice: when the service was back (now if empty)."
        ),
    )

    def __init__(self, *args, notice, **kwargs):
        self.notice = notice
        initial = {
            "impact": notice.impact,
            "expected_end": notice.expected_end,
            **kwargs.pop("initial", {}),
        }
        super().__init__(*args, initial=initial, **kwargs)
        states = next_states(notice.state)
        labels = dict(NoticeState.choices)
        self.fields["state"].choices = [(state, labels[state]) for state in states]
        self.fields["state"].initial = notice.state

    def clean(self):
        cleaned = super().clean()
        state = cleaned.get("state")
        if state is None:
            return cleaned
        if state in FINAL_STATES and not cleaned.get("ended_at") and "ended_at" not in self.errors:
            cleaned["ended_at"] = timezone.now()
        try:
            validate_update(
                self.notice,
                state=state,
                ended_at=cleaned.get("ended_at") if state in FINAL_STATES else None,
                expected_end=cleaned.get("expected_end"),
                now=timezone.now(),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, messages in error.error_dict.items():
                    for message in messages:
                        self.add_error(name, message)
            else:
                self.add_error(None, error)
        return cleaned


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"dir": "ltr", "autocomplete": "email"}),
    )
    services = forms.ModelMultipleChoiceField(
        label=_("Only these services"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to hear about every notice."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["services"].queryset = Service.objects.live().order_by("title")
        self.fields["services"].label_from_instance = lambda service: service.display_title

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
