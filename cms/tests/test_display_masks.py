"""Masks people read on screens cannot be taken for digits: a bullet or a dot reads as the
Persian zero «۰», so «••••••۲۶۴۹» looked like the national code ۰۰۰۰۰۰۲۶۴۹."""

from cms.formatting import fa_digits
from cms.masking import mask_national_code, mask_sheba

LOOKS_LIKE_ZERO = set("0۰٠•·.∙⋅●○◦")


def test_a_masked_national_code_has_no_character_that_reads_as_zero():
    shown = fa_digits(mask_national_code("0012342649"))
    assert shown.endswith("۲۶۴۹")
    hidden = shown[:-4]
    assert len(hidden) == 6 and not LOOKS_LIKE_ZERO & set(hidden)
    assert not any(char.isdigit() for char in hidden)


def test_a_masked_sheba_has_no_character_that_reads_as_zero():
    shown = fa_digits(mask_sheba("IR820540102680020817909002"))
    assert shown.startswith("IR") and shown.endswith("۹۰۰۲")
    assert not LOOKS_LIKE_ZERO & set(shown[2:-4])


def test_a_tracking_code_in_a_plain_text_header_is_isolated_left_to_right():
    from cms.tracking import isolated_tracking_code

    assert isolated_tracking_code("194943614517") == "\u20661949-4361-4517\u2069"
