import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from cms.forms import MobileField, NationalCodeField, PersianFormMixin, ShebaField
from cms.validators import (
    is_valid_national_code,
    normalize_mobile,
    validate_mobile,
    validate_national_code,
    validate_sheba,
)

VALID_NATIONAL_CODE = "0499370899"
VALID_SHEBA = "IR270170000000100324200001"


@pytest.fixture(autouse=True)
def persian():
    with translation.override("fa"):
        yield


def message_of(validator, value):
    with pytest.raises(ValidationError) as excinfo:
        validator(value)
    return " ".join(excinfo.value.messages)


@pytest.mark.parametrize(
    "typed",
    [VALID_NATIONAL_CODE, "۰۴۹۹۳۷۰۸۹۹", "٠٤٩٩٣٧٠٨٩٩", "۰۴۹-۹۳۷۰۸-۹۹", "049 937 0899"],
)
def test_national_code_accepts_any_digits(typed):
    validate_national_code(typed)


@pytest.mark.parametrize("typed", ["0499370898", "۰۴۹۹۳۷۰۸۹۸", "٠٤٩٩٣٧٠٨٩٨", "1111111111"])
def test_national_code_with_wrong_check_digit_is_refused_in_persian(typed):
    assert message_of(validate_national_code, typed) == (
        "این کد ملی معتبر نیست؛ لطفاً رقم‌های آن را بررسی کنید."
    )


@pytest.mark.parametrize("typed", ["12345", "۱۲۳۴۵۶۷۸۹۰۱", "abc"])
def test_national_code_of_wrong_length_is_refused_in_persian(typed):
    assert message_of(validate_national_code, typed) == "کد ملی باید دقیقاً ۱۰ رقم باشد."


def test_national_code_check_digit_rule_for_small_remainders():
    # Remainder below 2: the check digit is the remainder itself; else 11 - remainder.
    assert is_valid_national_code("1000000011")  # 10 + 2 = 12, remainder 1
    assert not is_valid_national_code("1000000010")
    assert is_valid_national_code("0000000019")  # remainder 2, check 9
    assert not is_valid_national_code("0000000011")
    assert not is_valid_national_code("0000000000")  # one repeated digit


@pytest.mark.parametrize(
    "typed",
    [VALID_SHEBA, "ir27 0170 0000 0010 0324 2000 01", "IR۲۷۰۱۷۰۰۰۰۰۰۰۱۰۰۳۲۴۲۰۰۰۰۱"],
)
def test_sheba_accepts_spaces_and_persian_digits(typed):
    validate_sheba(typed)


def test_sheba_with_wrong_checksum_is_refused_in_persian():
    assert message_of(validate_sheba, "IR270170000000100324200002") == (
        "این شمارهٔ شبا معتبر نیست؛ لطفاً رقم‌های آن را بررسی کنید."
    )


@pytest.mark.parametrize("typed", ["IR0629600000001003242", "DE89370400440532013000", "۱۲۳"])
def test_sheba_of_wrong_shape_is_refused_in_persian(typed):
    assert "۲۴ رقم" in message_of(validate_sheba, typed)


@pytest.mark.parametrize(
    "typed",
    [
        "09121234567",
        "۰۹۱۲۱۲۳۴۵۶۷",
        "٠٩١٢١٢٣٤٥٦٧",
        "+98 912 123 4567",
        "00989121234567",
        "9121234567",
    ],
)
def test_mobile_numbers_in_every_form_normalise_to_09(typed):
    validate_mobile(typed)
    assert normalize_mobile(typed) == "09121234567"


@pytest.mark.parametrize("typed", ["02112345678", "0912123456", "۰۹۱۲۱۲۳۴۵۶۷۸", "hello"])
def test_bad_mobile_is_refused_in_persian(typed):
    assert "شمارهٔ همراه معتبر" in message_of(validate_mobile, typed)


class ApplicantForm(PersianFormMixin, forms.Form):
    name = forms.CharField()
    national_code = NationalCodeField()
    mobile = MobileField()
    sheba = ShebaField()


def test_form_normalises_everything_on_the_way_in():
    form = ApplicantForm(
        data={
            "name": "  علي  كريمي ",
            "national_code": "۰۴۹-۹۳۷۰۸۹۹",
            "mobile": "+۹۸ ۹۱۲ ۱۲۳ ۴۵۶۷",
            "sheba": "۲۷۰۱۷۰۰۰۰۰۰۰۱۰۰۳۲۴۲۰۰۰۰۱",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "name": "علی کریمی",
        "national_code": VALID_NATIONAL_CODE,
        "mobile": "09121234567",
        "sheba": VALID_SHEBA,
    }


def test_form_errors_sit_next_to_their_field_and_keep_what_was_typed():
    form = ApplicantForm(
        data={"name": "زهرا", "national_code": "۱۲۳", "mobile": "0912", "sheba": VALID_SHEBA}
    )
    assert not form.is_valid()
    assert set(form.errors) == {"national_code", "mobile"}
    html = str(form["national_code"])
    assert 'value="۱۲۳"' in html
