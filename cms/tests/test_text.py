import pytest

from cms.text import (
    normalize_identifier,
    normalize_search_query,
    normalize_text,
    to_ascii_digits,
    to_persian_digits,
)
from cms.tracking import (
    format_tracking_code,
    generate_tracking_code,
    is_well_formed,
    new_tracking_code,
    normalize_tracking_code,
)


def test_persian_and_arabic_indic_digits_become_ascii():
    assert to_ascii_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert to_ascii_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert to_ascii_digits("کد ۱۲٣4") == "کد 1234"


def test_digits_shown_in_persian():
    assert to_persian_digits("1400/12/29") == "۱۴۰۰/۱۲/۲۹"
    assert to_persian_digits(2050) == "۲۰۵۰"
    assert to_persian_digits("٤٥") == "۴۵"


def test_arabic_yeh_and_kaf_become_persian():
    assert normalize_text("مديريت كل") == "مدیریت کل"


def test_free_text_keeps_paragraphs_and_tidies_spaces():
    text = "  سلام   دنيا \r\n\r\n  خط  دوم ۱۲  "
    assert normalize_text(text) == "سلام دنیا\n\nخط دوم 12"


def test_identifiers_lose_spaces_dashes_and_zwnj():
    assert normalize_identifier("۰۰۱ - ۲۳۴\u200c۵۶۷ ٨٩") == "00123456789"
    assert normalize_identifier("ir 06-0170") == "IR060170"


def test_search_query_treats_zwnj_as_space():
    assert normalize_search_query("مي\u200cخواهم") == "می خواهم"


def test_tracking_codes_are_random_digits_shown_in_groups():
    codes = {generate_tracking_code() for _ in range(200)}
    assert len(codes) == 200
    code = codes.pop()
    assert is_well_formed(code)
    assert format_tracking_code("482917356028") == "4829-1735-6028"
    assert normalize_tracking_code(" ۴۸۲۹-۱۷۳۵ ۶۰۲۸ ") == "482917356028"


def test_new_tracking_code_skips_codes_that_exist():
    taken = set()
    first = new_tracking_code(taken.__contains__)
    taken.add(first)
    assert new_tracking_code(taken.__contains__) != first


def test_new_tracking_code_gives_up_instead_of_looping_forever():
    with pytest.raises(RuntimeError):
        new_tracking_code(lambda code: True)
