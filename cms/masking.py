"""Masking personal identifiers before they reach a log, a captured outbox or a screen
(one module for every mask: logs, outboxes and the back office's lists).

Logs are read by more people than the data they describe. A mobile number keeps its
operator prefix and last two digits (``0912*****67``); tracking codes, national codes
and any other run of ten or more digits in a text keep only their last two digits,
whatever digits they were written in and however they were grouped; shorter runs of six
or more (one-time codes) are masked whole.
"""

from __future__ import annotations

import re

MASK = "*"
# Identifiers shown on screens (national codes, Sheba numbers): an asterisk, never a bullet
# or a dot, which read as the Persian zero «۰» (••••••۲۶۴۹ looked like ۰۰۰۰۰۰۲۶۴۹).
LIST_MASK = "*"
_DIGIT = "0-9\u06f0-\u06f9\u0660-\u0669"  # Latin, Persian and Arabic-Indic digits
# Digits, possibly grouped with a dash, a space or a direction mark (4829-1735-6028).
_DIGIT_RUN = re.compile(rf"[{_DIGIT}](?:[-\s\u200c\u200e\u200f\u2066-\u2069]?[{_DIGIT}])+")
_IS_DIGIT = re.compile(rf"[{_DIGIT}]")
MIN_MASKED_DIGITS = 6
KEPT_DIGITS = 2
# Runs shorter than this are one-time codes (6 digits), masked whole: even two of their
# digits shrink a guesser's odds a hundredfold. Longer identifiers (national codes,
# mobile numbers, tracking codes) keep their last two digits.
MIN_PARTLY_KEPT_DIGITS = 10


def mask_mobile(number: str) -> str:
    """``09121234567`` → ``0912*****67``: enough to tell numbers apart, not to call one."""
    number = str(number or "")
    if len(number) <= 6:
        return MASK * len(number)
    return number[:4] + MASK * (len(number) - 6) + number[-KEPT_DIGITS:]


def _mask_run(match: re.Match) -> str:
    run = match.group(0)
    total = len(_IS_DIGIT.findall(run))
    if total < MIN_MASKED_DIGITS:
        return run
    seen, out = 0, []
    for char in run:
        if _IS_DIGIT.match(char):
            seen += 1
            kept = total >= MIN_PARTLY_KEPT_DIGITS and seen > total - KEPT_DIGITS
            out.append(char if kept else MASK)
        else:
            out.append(char)
    return "".join(out)


def mask_codes(text: str) -> str:
    """``text`` with every tracking code, national code or phone number masked."""
    return _DIGIT_RUN.sub(_mask_run, str(text or ""))


def mask_national_code(code: str) -> str:
    """``0012345679`` → ``******5679`` (the last four digits stay)."""
    code = code or ""
    if len(code) <= 4:
        return LIST_MASK * len(code)
    return LIST_MASK * (len(code) - 4) + code[-4:]


def mask_sheba(sheba: str) -> str:
    """``IR820540102680020817909002`` → ``IR** **** … 9002``: country and last four."""
    sheba = sheba or ""
    if len(sheba) <= 6:
        return LIST_MASK * len(sheba)
    return f"{sheba[:2]}{LIST_MASK * 2} {LIST_MASK * 4} … {sheba[-4:]}"
