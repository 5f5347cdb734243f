"""The citizen's (public) forms of the desk.

Public forms are plain forms, not model forms: what they do not show (status, unit,
tracking code...) cannot come in from a POST. Every one uses :mod:`cms.forms`, so
Persian, Arabic-Indic and Latin digits and Arabic ي/ك are accepted and normalised.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm

from cms.choices import LightModelChoiceField
from cms.forms import MobileField, NationalCodeField, PersianCharField, PersianFormMixin
from cms.i18n import WEEK_ORDER, Weekday, weekday_choices
from cms.uploads import AttachmentsField, limits_help_text
from sitepages.models import Official
from sla.models import Service

from ..enums import QUESTION_PREFIX
from ..routing import complaints_unit, units_of_language

SUBJECT_MAX = 200
BODY_MAX = 5000


def _text_area(rows=6):
    return forms.Textarea(attrs={"rows": rows})


def live_units():
    """The units a form offers: those of the page's language (see :mod:`.routing`)."""
    return units_of_language()


def open_services():
    return Service.objects.live().open().select_related("responsible_unit").order_by("title")


class UnitChoiceField(LightModelChoiceField):
    label_fields = ("title", "depth")

    def label_from_values(self, row):
        # Sub-units are indented under their parents in the list.
        return "— " * max(0, row["depth"] - 4) + row["title"]


class ServiceChoiceField(LightModelChoiceField):
    label_fields = ("title", "title_en")

    def label_from_values(self, row):
        return Service.title_in_language(row["title"], row["title_en"])


class CitizenFieldsMixin(forms.Form):
    """What every desk form asks of the citizen."""

    name = PersianCharField(label=_("Full name"), max_length=150)
    mobile = MobileField(help_text=_("The tracking code is sent to it; you need it to follow up."))
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("Optional: we also send the code and the answers there."),
        widget=forms.EmailInput(attrs={"dir": "ltr", "autocomplete": "email"}),
    )
    national_code = NationalCodeField(required=False, help_text=_("Optional."))


class AttachmentsMixin(forms.Form):
    attachments = AttachmentsField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "attachments" in self.fields:
            self.fields["attachments"].help_text = limits_help_text()


class SubjectBodyMixin(forms.Form):
    subject = PersianCharField(label=_("Subject"), max_length=SUBJECT_MAX)
    body = PersianCharField(label=_("Text"), max_length=BODY_MAX, widget=_text_area(8))


class DeskForm(PersianFormMixin, forms.Form):
    """Base of the public desk forms; ``channel`` says which kind of request it makes."""

    channel = None
    field_order = [
        "name",
        "mobile",
        "email",
        "national_code",
        "service",
        "unit",
        "concerned_unit",
        "official",
        "preferred_days",
        "preferred_times",
        "subject",
        "body",
        "attachments",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)

    def responsible_unit(self):
        raise NotImplementedError

    def request_fields(self) -> dict:
        """What this form adds to the request beyond the citizen, subject and body."""
        return {}


class RequestForm(DeskForm, CitizenFieldsMixin, SubjectBodyMixin, AttachmentsMixin):
    """An online request or an online letter to a unit, optionally for a catalog service."""

    service = ServiceChoiceField(
        queryset=None,
        required=False,
        label=_("Service"),
        empty_label=_("— No particular service —"),
        help_text=_("If your request is about a service of the catalog, choose it."),
    )
    unit = UnitChoiceField(
        queryset=None,
        required=False,
        label=_("Unit"),
        empty_label=_("— Choose the unit —"),
        help_text=_("Not needed when you chose a service: its unit answers."),
    )

    def __init__(self, *args, service=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = open_services()
        self.fields["unit"].queryset = live_units()
        if service is not None:
            self._lock_service(service)

    def _lock_service(self, service):
        """Started from the service's card (``?service=CODE``): the request is for that
        service, shown but not editable (a posted value is ignored), and its unit
        answers, so the citizen picks neither."""
        field = self.fields["service"]
        field.queryset = open_services().filter(pk=service.pk)
        field.initial = service.pk
        field.disabled = True
        field.empty_label = None
        field.help_text = _("You started from this service's card; its unit answers.")
        del self.fields["unit"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("service") and not cleaned.get("unit") and "unit" not in self.errors:
            self.add_error("unit", _("Choose the unit your request is for, or a service."))
        return cleaned

    def responsible_unit(self):
        service = self.cleaned_data.get("service")
        return service.responsible_unit if service else self.cleaned_data["unit"]


class ComplaintForm(DeskForm, CitizenFieldsMixin, SubjectBodyMixin, AttachmentsMixin):
    """A complaint against a unit or a service, with documents."""

    concerned_unit = UnitChoiceField(
        queryset=None,
        required=False,
        label=_("Unit complained about"),
        empty_label=_("— Choose the unit —"),
    )
    service = ServiceChoiceField(
        queryset=None,
        required=False,
        label=_("Service complained about"),
        empty_label=_("— No particular service —"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concerned_unit"].queryset = live_units()
        self.fields["service"].queryset = open_services()
        self.fields["body"].label = _("Your complaint")

    def clean(self):
        cleaned = super().clean()
        missing = not cleaned.get("service") and not cleaned.get("concerned_unit")
        if missing and "concerned_unit" not in self.errors:
            self.add_error(
                "concerned_unit", _("Choose the unit or the service you complain about.")
            )
        return cleaned

    def concerned(self):
        service = self.cleaned_data.get("service")
        return self.cleaned_data.get("concerned_unit") or service.responsible_unit

    def responsible_unit(self):
        return complaints_unit() or self.concerned()

    def request_fields(self) -> dict:
        return {"concerned_unit": self.concerned()}


# Saturday to Thursday: the days a unit may hold meetings.
WEEKDAY_CHOICES = weekday_choices(days=set(WEEK_ORDER) - {Weekday.FRIDAY}, as_text=True)


class OfficialChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} — {obj.post}"


class MeetingForm(DeskForm, CitizenFieldsMixin, SubjectBodyMixin, AttachmentsMixin):
    """An in-person meeting request with a deputy or manager who accepts meetings.

    The citizen first chooses the unit; only that unit's officials are offered (and
    accepted), so the page never carries every official of every unit."""

    unit = UnitChoiceField(
        queryset=None,
        label=_("Unit"),
        empty_label=_("— Choose the unit —"),
        help_text=_("Its officials who receive citizens are then listed."),
    )
    official = OfficialChoiceField(
        queryset=None, label=_("Whom you want to meet"), empty_label=_("— Choose —")
    )
    preferred_days = forms.MultipleChoiceField(
        label=_("Days that suit you"),
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    preferred_times = PersianCharField(
        label=_("Times that suit you"),
        max_length=200,
        required=False,
        help_text=_("For example: mornings from 9 to 11."),
    )

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = meeting_units_of_language()
        self.fields["unit"].queryset = units
        if self.is_bound:
            unit = units.filter(pk=parse_pk(self.data.get("unit"))).first()
        elif unit is not None:
            self.fields["unit"].initial = unit.pk
        self.chosen_unit = unit
        if unit is not None:
            # Chosen on the first step (?unit=): carried along, changed by a link.
            self.fields["unit"].widget = forms.HiddenInput()
        self.fields["official"].queryset = meeting_officials(unit)
        self.fields["body"].label = _("What you want to discuss")

    def clean(self):
        cleaned = super().clean()
        official = cleaned.get("official")
        unit = cleaned.get("unit")
        if official is not None and unit is not None and official.page_id != unit.pk:
            self.add_error("official", _("Choose an official of the unit you chose."))
        return cleaned

    def responsible_unit(self):
        return self.cleaned_data["official"].page.specific

    def preferred_days_display(self) -> str:
        labels = dict(WEEKDAY_CHOICES)
        return "، ".join(str(labels[day]) for day in self.cleaned_data["preferred_days"])

    def request_fields(self) -> dict:
        return {
            "official": self.cleaned_data["official"],
            "preferred_days": self.preferred_days_display(),
            "preferred_times": self.cleaned_data.get("preferred_times") or "",
        }


def parse_pk(value) -> int | None:
    value = str(value or "").strip()
    return int(value) if value.isdigit() and len(value) < 10 else None


def meeting_officials(unit=None):
    """Officials who accept meetings on the unit pages of the page's language; of one
    unit when ``unit`` is given, of none when it is ``None``."""
    if unit is None:
        return Official.objects.none()
    live = live_units().values("pk")
    return (
        Official.objects.filter(accepts_meetings=True, page__in=live, page=unit)
        .select_related("page")
        .order_by("sort_order", "pk")
    )


def meeting_units_of_language():
    """Units of the page's language with at least one official who accepts meetings."""
    with_officials = Official.objects.filter(accepts_meetings=True).values("page_id")
    return live_units().filter(pk__in=with_officials)


class ServiceFormPageBaseForm(PersianFormMixin, BaseForm, CitizenFieldsMixin, AttachmentsMixin):
    """The fixed fields of an editor-built ServiceFormPage; its questions are added."""

    language = "fa"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fixed = ["name", "mobile", "email", "national_code"]
        questions = [n for n in self.fields if n not in {*fixed, "attachments"}]
        self.order_fields([*fixed, *questions, "attachments"])

    def answers(self) -> list[list[str]]:
        answers = []
        for name, field in self.fields.items():
            if not name.startswith(QUESTION_PREFIX):
                continue
            value = self.cleaned_data.get(name)
            if isinstance(value, list | tuple):
                value = "، ".join(str(item) for item in value)
            elif isinstance(value, bool):
                value = _("Yes") if value else _("No")
            answers.append([str(field.label), "" if value is None else str(value)])
        return answers


__all__ = [
    "SUBJECT_MAX",
    "BODY_MAX",
    "live_units",
    "open_services",
    "UnitChoiceField",
    "ServiceChoiceField",
    "CitizenFieldsMixin",
    "AttachmentsMixin",
    "SubjectBodyMixin",
    "DeskForm",
    "RequestForm",
    "ComplaintForm",
    "WEEKDAY_CHOICES",
    "OfficialChoiceField",
    "MeetingForm",
    "meeting_officials",
    "meeting_units_of_language",
    "parse_pk",
    "ServiceFormPageBaseForm",
]
