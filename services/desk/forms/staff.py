"""The staff's (admin) forms of the desk: replies, notes, transitions, meetings."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.forms import PersianCharField, PersianFormMixin
from cms.jalali import parse_date

from ..enums import Actor, RequestStatus, allowed_targets
from ..routing import handling_unit
from .public import AttachmentsMixin, _text_area


class ReplyForm(PersianFormMixin, AttachmentsMixin, forms.Form):
    field_order = ["body", "attachments", "then"]

    body = PersianCharField(label=_("Reply to the citizen"), widget=_text_area(6))
    then = forms.ChoiceField(
        label=_("Then"),
        required=False,
        choices=[
            ("", _("Keep the status")),
            (RequestStatus.ANSWERED, _("Mark it answered")),
            (RequestStatus.WAITING, _("Wait for the citizen (pauses the clock)")),
        ],
    )

    def __init__(self, *args, request_obj=None, **kwargs):
        super().__init__(*args, **kwargs)
        if request_obj is not None:
            allowed = set(allowed_targets(request_obj.status, Actor.STAFF))
            self.fields["then"].choices = [
                (value, label)
                for value, label in self.fields["then"].choices
                if not value or value in allowed
            ]


class NoteForm(PersianFormMixin, forms.Form):
    body = PersianCharField(
        label=_("Internal note"),
        widget=_text_area(3),
        help_text=_("Seen only by the unit's staff, never by the citizen."),
    )


class TransitionForm(PersianFormMixin, forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    reason = PersianCharField(
        label=_("Reason (shown to the citizen)"),
        required=False,
        widget=_text_area(2),
        help_text=_("Required when rejecting."),
    )

    def __init__(self, *args, request_obj=None, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(RequestStatus.choices)
        targets = allowed_targets(request_obj.status, Actor.STAFF) if request_obj else []
        self.fields["to_status"].choices = [(value, labels[value]) for value in targets]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("to_status") == RequestStatus.REJECTED and not cleaned.get("reason"):
            self.add_error("reason", _("Say why the request is rejected."))
        return cleaned


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        queryset=None, label=_("Assign to"), required=False, empty_label=_("— Nobody —")
    )

    def __init__(self, *args, request_obj=None, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(is_active=True)
        if request_obj is not None:
            users = users.filter(
                desk_memberships__unit=handling_unit(request_obj.unit) or request_obj.unit
            ).distinct()
        self.fields["assignee"].queryset = users.order_by("first_name", "last_name", "username")
        self.fields["assignee"].label_from_instance = lambda u: u.get_full_name() or u.username


class JalaliDateField(forms.Field):
    """A date typed as a Jalali date (۱۴۰۳/۰۵/۲۰, any digits)."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {"dir": "ltr", "placeholder": "1403/05/20", "inputmode": "numeric", "maxlength": 12}
        )

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        try:
            return parse_date(value)
        except ValueError as error:
            raise ValidationError(
                _("Enter a Jalali date such as 1403/05/20."), code="jalali_date"
            ) from error


class BulkActionForm(forms.Form):
    ACTIONS = [
        ("assign_me", _("Assign to me")),
        ("in_progress", _("Mark in progress")),
        ("close", _("Close answered requests")),
    ]
    action = forms.ChoiceField(label=_("With the selected requests"), choices=ACTIONS)
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any number: the fence decides which of them the user may touch.
        self.fields["ids"].valid_value = lambda value: str(value).isdigit()


__all__ = [
    "ReplyForm",
    "NoteForm",
    "TransitionForm",
    "AssignForm",
    "JalaliDateField",
    "BulkActionForm",
]
