"""Masks for identifiers shown in lists: enough to recognise, not enough to misuse."""

MASK = "•"


def mask_national_code(code: str) -> str:
    """``0012345679`` → ``••••••5679`` (the last four digits stay)."""
    code = code or ""
    if len(code) <= 4:
        return MASK * len(code)
    return MASK * (len(code) - 4) + code[-4:]


def mask_sheba(sheba: str) -> str:
    """``IR820540102680020817909002`` → ``IR•• •••• … 9002``: country and last four."""
    sheba = sheba or ""
    if len(sheba) <= 6:
        return MASK * len(sheba)
    return f"{sheba[:2]}{MASK * 2} {MASK * 4} … {sheba[-4:]}"
