"""What a move between stages needs before it is made: the note, document and
references the transitions table asks for (``Transition.needs``), written the same way
whatever digits were typed, and a document amount within the loan's limits. The staff's
forms ask the same questions, so that a person sees the answer beside the field."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cms.text import to_ascii_digits, to_persian_digits


def normalize_reference(value) -> str:
    """A document or bank reference: digits made ASCII, spaces trimmed, punctuation kept
    ("BNK-778812" stays "BNK-778812")."""
    return " ".join(to_ascii_digits(str(value)).split())


def _required(value, message):
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError(message)
    return value.strip() if isinstance(value, str) else value


def document_amount_error(application, amount: int) -> str | None:
    """Why ``amount`` cannot be the application's document amount, or None: the document
    amount <= the requested (approved) amount <= the loan type's maximum."""

    def rials(value):
        return to_persian_digits(f"{value:,}".replace(",", "٬"))

    maximum = application.loan_type.max_amount
    if maximum and amount > maximum:
        return _("The document's amount is more than this loan type's maximum (%(max)s Rials).") % {
            "max": rials(maximum)
        }
    if amount > application.requested_amount:
        return _("The document's amount is more than the amount requested (%(amount)s Rials).") % {
            "amount": rials(application.requested_amount)
        }
    return None


def check_document_amount(application, amount: int):
    error = document_amount_error(application, amount)
    if error:
        raise ValidationError(error)


def check_needs(transition, *, note, data):
    needs = transition.needs
    if "note" in needs:
        _required(note, _("Tell the student what to correct."))
    if "reason" in needs:
        _required(note, _("Give the reason for the rejection; the student will read it."))
    if "document" in needs:
        _required(data.get("document_number"), _("Enter the financial document's number."))
        _required(data.get("document_date"), _("Enter the financial document's date."))
        amount = _required(data.get("document_amount"), _("Enter the document's amount."))
        if int(amount) <= 0:
            raise ValidationError(_("The document's amount must be more than zero."))
    if "fund" in needs:
        _required(data.get("fund_confirmed_on"), _("Enter the date the fund confirmed it."))
    if "deposit" in needs:
        _required(data.get("deposited_on"), _("Enter the deposit date."))
        _required(data.get("bank_reference"), _("Enter the bank's reference of the deposit."))
