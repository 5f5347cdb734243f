"""Tracking codes: random, unguessable, easy to read aloud and type.

A code is 12 decimal digits from :mod:`secrets` (10^12 possibilities), shown in groups
of four (``4829-1735-6028``, in Persian digits on Persian pages). Digits are what
Persian speakers read aloud and type most easily on a phone. Codes are never derived
from a primary key; uniqueness is a database constraint on the model that stores them,
and :func:`new_tracking_code` retries on the rare clash.
"""

import secrets

from .text import normalize_identifier

TRACKING_CODE_LENGTH = 12
GROUP = 4


def generate_tracking_code() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(TRACKING_CODE_LENGTH))


def new_tracking_code(exists) -> str:
    """A fresh code for which ``exists(code)`` is false."""
    for _attempt in range(20):
        code = generate_tracking_code()
        if not exists(code):
            return code
    raise RuntimeError("Could not find a free tracking code.")


def format_tracking_code(code: str) -> str:
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def isolated_tracking_code(code: str) -> str:
    """The grouped code isolated left to right (U+2066 … U+2069) for plain-text places in a
    right-to-left page (the admin's headers): otherwise 1949-4361-4517 shows as
    4517-4361-1949."""
    return f"\u2066{format_tracking_code(code)}\u2069"


def normalize_tracking_code(value: str) -> str:
    """What a person typed (any digits, spaces or dashes) to the stored form."""
    return normalize_identifier(value or "")


def is_well_formed(code: str) -> bool:
    return len(code) == TRACKING_CODE_LENGTH and code.isdigit()
