"""Validators for Iranian identifiers, with messages people understand.

Each takes a value already normalised (ASCII digits, no spaces); the form fields in
:mod:`cms.forms` normalise before they validate.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.iso7064 import mod_97_10

from .text import normalize_identifier

_MOBILE = re.compile(r"^09\d{9}$")


def normalize_mobile(value: str) -> str:
    """``+98 912 345 6789``, ``00989123456789``, ``۰۹۱۲۳۴۵۶۷۸۹`` → ``09123456789``."""
    number = normalize_identifier(value).lstrip("+")
    if number.startswith("0098"):
        number = "0" + number[4:]
    elif number.startswith("98") and len(number) == 12:
        number = "0" + number[2:]
    elif number.startswith("9") and len(number) == 10:
        number = "0" + number
    return number


def validate_mobile(value: str) -> None:
    if not _MOBILE.match(normalize_mobile(value)):
        raise ValidationError(
            _("Enter a valid Iranian mobile number, such as 09121234567."),
            code="invalid_mobile",
        )


def is_valid_national_code(code: str) -> bool:
    """The check digit of an Iranian national code (کد ملی)."""
    if not re.fullmatch(r"\d{10}", code) or len(set(code)) == 1:
        return False
    total = sum(int(code[i]) * (10 - i) for i in range(9)) % 11
    check = int(code[9])
    return check == total if total < 2 else check == 11 - total


def validate_national_code(value: str) -> None:
    code = normalize_identifier(value)
    if not re.fullmatch(r"\d{10}", code):
        raise ValidationError(
            _("A national code has exactly 10 digits."), code="national_code_length"
        )
    if not is_valid_national_code(code):
        raise ValidationError(
            _("This national code is not valid; please check its digits."),
            code="national_code_checksum",
        )


def normalize_sheba(value: str) -> str:
    code = normalize_identifier(value)
    if code.isdigit() and len(code) == 24:
        code = "IR" + code
    return code


def validate_sheba(value: str) -> None:
    code = normalize_sheba(value)
    if not re.fullmatch(r"IR\d{24}", code):
        raise ValidationError(_("A Sheba number is IR followed by 24 digits."), code="sheba_format")
    try:
        # Iran is not in the IBAN registry stdnum ships, so its iban module refuses IR
        # numbers; the ISO 7064 mod 97-10 check is what IBAN (and Sheba) use.
        mod_97_10.validate(code[4:] + code[:4])
    except StdnumError as exc:
        raise ValidationError(
            _("This Sheba number is not valid; please check its digits."),
            code="sheba_checksum",
        ) from exc
