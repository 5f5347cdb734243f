"""Persian text helpers: digits, letters and identifiers, on the way in and out.

Citizens type with Persian keyboards, Arabic keyboards and Latin digits, often mixed
in one field. Everything that reaches the database goes through :func:`normalize_text`
or :func:`normalize_identifier`; everything shown to Persian readers goes through
:func:`to_persian_digits`.
"""

import re

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
ASCII_DIGITS = "0123456789"

ZWNJ = "\u200c"

_TO_ASCII = str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, ASCII_DIGITS * 2)
_TO_PERSIAN = str.maketrans(ASCII_DIGITS + ARABIC_INDIC_DIGITS, PERSIAN_DIGITS * 2)
# Arabic Yeh, Alef Maksura and Kaf have Persian counterparts that look alike but
# compare unequal; Arabic ones come from Arabic keyboard layouts and old documents.
_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ۀ": "هٔ"})
# Spaces, dashes, ZWNJ and direction marks that people put inside codes and numbers.
_IDENTIFIER_NOISE = re.compile(r"[\s\-_\u2010-\u2015\u2212\u200c\u200d\u200e\u200f\u061c/.]+")
_SPACES = re.compile(r"[ \t\u00a0]+")
# C0 and C1 control characters (line breaks and tabs aside) and DEL: never typed by a person, and NUL is refused by
# PostgreSQL and breaks SQLite's full-text queries (a 500 instead of a page).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def drop_control_characters(value: str) -> str:
    """``value`` without control characters (for text read from a query string by hand;
    Django's form fields already refuse NUL)."""
    return _CONTROL.sub("", str(value))


def to_ascii_digits(value: str) -> str:
    """Persian and Arabic-Indic digits to ASCII; nothing else changes."""
    return str(value).translate(_TO_ASCII)


def to_persian_digits(value) -> str:
    """ASCII and Arabic-Indic digits to Persian ones, for display."""
    return str(value).translate(_TO_PERSIAN)


def normalize_letters(value: str) -> str:
    """Arabic ي/ك (and look-alikes) to Persian ی/ک."""
    return str(value).translate(_LETTERS)


def normalize_text(value: str) -> str:
    """Normalise free text from a form: Persian letters, ASCII digits, tidy spaces.

    Line breaks are kept (letters and complaints have paragraphs); runs of spaces on a
    line are folded and each line is trimmed.
    """
    if value is None:
        return value
    value = to_ascii_digits(normalize_letters(value)).replace("\r\n", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in value.split("\n")]
    return "\n".join(lines).strip()


def normalize_identifier(value: str) -> str:
    """Normalise a code or number: ASCII digits, no spaces, dashes or ZWNJ, upper case."""
    if value is None:
        return value
    return _IDENTIFIER_NOISE.sub("", to_ascii_digits(str(value))).upper()


def normalize_search_query(value: str) -> str:
    """Normalise text for search: letters, digits and ZWNJ (as a space) made uniform."""
    return normalize_text(str(value).replace(ZWNJ, " "))
