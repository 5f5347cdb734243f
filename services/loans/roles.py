"""The staff roles of the welfare office as real Django groups and permissions.

A role is a permission of this app (``loans.review_application``,
``loans.issue_document``, ``loans.exchange_with_fund``), granted through a group of the
same purpose. Views and the workflow check the permission, never a group's name, so a
superuser (who has every permission) may act in every role.
"""

from __future__ import annotations

from django.contrib.auth.models import Group

from cms.groups import ensure_group

from . import conf
from .enums import ROLE_PERMISSIONS, STAFF_ROLES, Role

APP_LABEL = "loans"

# What each role's group may do, beyond the role's own permission.
_COMMON = [
    ("wagtailadmin", "access_admin"),
    (APP_LABEL, "view_loanapplication"),
    (APP_LABEL, "view_loan_reports"),
]
GROUP_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    Role.WELFARE_EXPERT: [
        *_COMMON,
        (APP_LABEL, "review_application"),
        # Welfare staff keep the loan types, terms and application windows.
        (APP_LABEL, "view_loantype"),
        (APP_LABEL, "add_loantype"),
        (APP_LABEL, "change_loantype"),
        (APP_LABEL, "view_academicterm"),
        (APP_LABEL, "add_academicterm"),
        (APP_LABEL, "change_academicterm"),
    ],
    Role.FINANCIAL_OFFICER: [
        *_COMMON,
        (APP_LABEL, "issue_document"),
        (APP_LABEL, "view_fundbatch"),
    ],
    Role.FUND_LIAISON: [
        *_COMMON,
        (APP_LABEL, "exchange_with_fund"),
        (APP_LABEL, "view_fundbatch"),
        (APP_LABEL, "add_fundbatch"),
        (APP_LABEL, "view_fundanswerimport"),
        (APP_LABEL, "add_fundanswerimport"),
    ],
}


def permission_name(role: str) -> str:
    """``loans.review_application`` and the like: what ``user.has_perm`` takes."""
    return f"{APP_LABEL}.{ROLE_PERMISSIONS[role]}"


def roles_of(user) -> set[str]:
    """The staff roles ``user`` holds (every one for a superuser, none when inactive)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    return {role for role in STAFF_ROLES if user.has_perm(permission_name(role))}


def is_loans_staff(user) -> bool:
    return bool(roles_of(user)) and user.has_perm(f"{APP_LABEL}.view_loanapplication")


def group_name(role: str) -> str:
    return conf.group_names()[str(role)]


def ensure_role_groups() -> dict[str, Group]:
    """The three role groups with their permissions; created or completed, never removed."""
    return {
        role: ensure_group(group_name(role), wanted) for role, wanted in GROUP_PERMISSIONS.items()
    }


def grant_role(user, role: str) -> None:
    user.groups.add(ensure_role_groups()[role])
    # Django caches permissions on the user object; a fresh check must see the group.
    for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        if hasattr(user, cache):
            delattr(user, cache)
