"""The loans plugin's forms: the student's (public) and the welfare office's (admin).

Public forms are plain forms, not model forms: what they do not show (stage, tracking
code, documents' numbers...) cannot come in from a POST. They use :mod:`cms.forms`, so
Persian, Arabic-Indic and Latin digits and Arabic ي/ك are accepted and normalised.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.forms import (
    IdentifierField,
    MobileField,
    NationalCodeField,
    PersianCharField,
    PersianFormMixin,
    ShebaField,
)
from cms.text import to_ascii_digits, to_persian_digits
from cms.tracking import is_well_formed, normalize_tracking_code
from cms.uploads import AttachmentsField, limits_help_text
from cms.widgets import JalaliDatePicker

from . import checks, workflow
from .enums import Degree, Faculty, LoanStage, get_transition
from .models import AcademicTerm, LoanType

_AMOUNT_NOISE = re.compile(r"[\s,\u066b\u066c\u060c'._\-]+")


def _number_text(value: int) -> str:
    return to_persian_digits(f"{value:,}".replace(",", "٬"))


class AmountField(forms.CharField):
    """An amount in Rials, typed with any digits and thousands separators."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Typed text is at most 30 characters; the cleaned value is a number.
        self.widget.attrs.setdefault("maxlength", "30")
        self.widget.attrs.setdefault("inputmode", "numeric")
        self.widget.attrs.setdefault("dir", "ltr")
        self.widget.attrs.setdefault("autocomplete", "off")

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        text = _AMOUNT_NOISE.sub("", to_ascii_digits(value))
        if not text.isdigit():
            raise ValidationError(_("Write the amount in digits, in Rials."), code="invalid")
        return int(text)


class StudentNumberField(IdentifierField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Student number"))
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")
        self.widget.attrs.setdefault("dir", "ltr")

    def validate(self, value):
        super().validate(value)
        if value and not re.fullmatch(r"\d{6,14}", value):
            raise ValidationError(_("A student number has 6 to 14 digits."), code="student_number")


class StudentFieldsForm(PersianFormMixin, forms.Form):
    """What a student gives about themselves and the loan (application and correction)."""

    student_number = StudentNumberField()
    full_name = PersianCharField(label=_("Full name"), max_length=150)
    faculty = forms.ChoiceField(label=_("Faculty"), choices=[("", "—"), *Faculty.choices])
    degree = forms.ChoiceField(label=_("Degree"), choices=[("", "—"), *Degree.choices])
    mobile = MobileField(help_text=_("We send news of your application here."))
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        widget=forms.EmailInput(attrs={"dir": "ltr", "autocomplete": "email"}),
    )
    sheba = ShebaField(
        help_text=_("The account the loan is deposited to; it must be in your own name.")
    )
    requested_amount = AmountField(label=_("Requested amount (Rials)"))
    documents = AttachmentsField(label=_("Documents"))

    def __init__(self, *args, loan_type: LoanType, **kwargs):
        self.loan_type = loan_type
        super().__init__(*args, **kwargs)
        self.fields["requested_amount"].help_text = _("At most %(max)s Rials.") % {
            "max": _number_text(loan_type.max_amount)
        }
        self.fields["documents"].help_text = limits_help_text()
        if loan_type.eligible_degrees:
            allowed = set(loan_type.eligible_degrees)
            self.fields["degree"].choices = [("", "—")] + [
                (value, label) for value, label in Degree.choices if value in allowed
            ]

    def clean_requested_amount(self):
        amount = self.cleaned_data["requested_amount"]
        if amount is None or amount <= 0:
            raise ValidationError(_("The amount must be more than zero."))
        if amount > self.loan_type.max_amount:
            raise ValidationError(
                _("This loan is at most %(max)s Rials."),
                params={"max": _number_text(self.loan_type.max_amount)},
                code="above_max",
            )
        return amount

    def clean_degree(self):
        degree = self.cleaned_data["degree"]
        if degree and not self.loan_type.accepts_degree(degree):
            raise ValidationError(_("Students of this degree cannot apply for this loan."))
        return degree


class ApplicationForm(StudentFieldsForm):
    national_code = NationalCodeField()
    confirm = forms.BooleanField(
        label=_("I confirm that this information is true and that the bank account is in my name.")
    )

    field_order = [
        "full_name",
        "national_code",
        "student_number",
        "faculty",
        "degree",
        "mobile",
        "email",
        "sheba",
        "requested_amount",
        "documents",
        "confirm",
    ]

    def __init__(self, *args, loan_type, window, **kwargs):
        self.window = window
        super().__init__(*args, loan_type=loan_type, **kwargs)
        self.order_fields(self.field_order)
        if loan_type.required_documents_list():
            self.fields["documents"].required = True

    def clean(self):
        cleaned = super().clean()
        code = cleaned.get("national_code")
        if code and workflow.has_active_application(
            national_code=code, loan_type=self.loan_type, term=self.window.term
        ):
            raise ValidationError(workflow.not_now_message(), code="duplicate")
        return cleaned


class CorrectionForm(StudentFieldsForm):
    """What a student sends back when the welfare office returned the application."""

    note = PersianCharField(
        label=_("What you corrected"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, application, **kwargs):
        self.application = application
        kwargs.setdefault(
            "initial",
            {field: getattr(application, field) for field in workflow.CORRECTABLE_FIELDS},
        )
        super().__init__(*args, loan_type=application.loan_type, **kwargs)
        self.fields["documents"].label = _("More documents")


class TrackLookupForm(forms.Form):
    code = IdentifierField(label=_("Tracking code"), max_length=30)
    national_code = IdentifierField(label=_("National code"), max_length=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("code", "national_code"):
            self.fields[name].widget.attrs.update(
                {"inputmode": "numeric", "dir": "ltr", "autocomplete": "off"}
            )

    def clean_code(self):
        return normalize_tracking_code(self.cleaned_data["code"])

    def is_plausible(self) -> bool:
        """Whether the code could exist at all (the answer is the same miss either way)."""
        return is_well_formed(self.cleaned_data.get("code", ""))


class CancelForm(PersianFormMixin, forms.Form):
    confirm = forms.BooleanField(label=_("Yes, I no longer want this loan."))
    note = forms.CharField(
        label=_("Why (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


# Admin


class ReferenceField(forms.CharField):
    """A document or bank reference: any digits accepted and stored ASCII; letters,
    hyphens and slashes are kept as typed (only the digits are normalised)."""

    def to_python(self, value):
        return checks.normalize_reference(super().to_python(value) or "")


class MoveForm(forms.Form):
    """One move of an application in the back office; shows only what the move needs."""

    expected_stage = forms.ChoiceField(choices=LoanStage.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    document_number = ReferenceField(label=_("Document number"), max_length=40, required=False)
    document_date = forms.DateField(
        label=_("Document date"), required=False, widget=JalaliDatePicker
    )
    document_amount = AmountField(label=_("Document amount (Rials)"), required=False)
    fund_confirmed_on = forms.DateField(
        label=_("Confirmed by the fund on"), required=False, widget=JalaliDatePicker
    )
    fund_reference = ReferenceField(label=_("Fund reference"), max_length=60, required=False)
    deposited_on = forms.DateField(label=_("Deposited on"), required=False, widget=JalaliDatePicker)
    bank_reference = ReferenceField(label=_("Bank reference"), max_length=60, required=False)

    FIELDS_BY_NEED = {
        "document": ("document_number", "document_date", "document_amount"),
        "fund": ("fund_confirmed_on", "fund_reference"),
        "deposit": ("deposited_on", "bank_reference"),
    }
    REQUIRED = {
        "document_number",
        "document_date",
        "document_amount",
        "fund_confirmed_on",
        "deposited_on",
        "bank_reference",
    }

    def __init__(self, *args, application, target, stage=None, **kwargs):
        self.application = application
        stage = stage or application.stage
        self.transition = get_transition(stage, target)
        initial = kwargs.setdefault("initial", {})
        initial.update(expected_stage=stage)
        if target == LoanStage.DOCUMENT_ISSUED:
            initial.setdefault("document_amount", application.requested_amount)
        kwargs.setdefault("prefix", f"move-{target}")
        super().__init__(*args, **kwargs)
        needs = self.transition.needs if self.transition else frozenset()
        keep = {"expected_stage", "note"}
        for need, names in self.FIELDS_BY_NEED.items():
            if need in needs:
                keep.update(names)
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
            elif name in self.REQUIRED:
                self.fields[name].required = True
        if "reason" in needs:
            self.fields["note"].label = _("Reason for the rejection (the student reads it)")
            self.fields["note"].required = True
        elif "note" in needs:
            self.fields["note"].label = _("What the student must correct (the student reads it)")
            self.fields["note"].required = True

    def clean_document_amount(self):
        amount = self.cleaned_data.get("document_amount")
        if amount is not None and amount <= 0:
            raise ValidationError(_("The amount must be more than zero."))
        if amount is not None:
            error = checks.document_amount_error(self.application, amount)
            if error:
                raise ValidationError(error)
        return amount

    def move_data(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("expected_stage", "note"):
            data.pop(name, None)
        return data


class BatchForm(forms.Form):
    loan_type = forms.ModelChoiceField(
        label=_("Only this loan type"), queryset=LoanType.objects.all(), required=False
    )
    term = forms.ModelChoiceField(
        label=_("Only this term"), queryset=AcademicTerm.objects.all(), required=False
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AnswerUploadForm(forms.Form):
    file = forms.FileField(
        label=_("The fund's answer file"),
        help_text=_(
            "CSV or XLSX with a national code or document number column and a result column "
            "(confirmed, deposited or rejected), with the date and the reference."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
