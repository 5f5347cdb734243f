"""Who may use the welfare office's back office (the per-role fence), what each role may
do, and how the queue is searched."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import pgettext
from wagtail_modeladmin.helpers import ButtonHelper, DjangoORMSearchHandler

from cms.backoffice.fence import RoleFence
from cms.backoffice.permissions import FencedPermissionHelper
from cms.text import normalize_identifier, normalize_search_query

from ..enums import Role
from ..roles import is_loans_staff, roles_of

# Applications are the welfare office's: whoever holds one of its roles (and the view
# permission) sees them all; staff of other units see none.
LOANS_FENCE = RoleFence(is_loans_staff)


def is_fund_liaison(user) -> bool:
    return Role.FUND_LIAISON in roles_of(user)


def ltr(text: str) -> str:
    """Text kept left to right inside a right-to-left line (codes with dashes)."""
    return f"\u2066{text}\u2069"


def error_text(error) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


class ApplicationPermissionHelper(FencedPermissionHelper):
    """Applications come from students: never created, edited by hand or deleted here;
    stages change through the transitions only."""

    def user_can_edit_obj(self, user, obj):
        return False


class ApplicationButtonHelper(ButtonHelper):
    def inspect_button(self, pk, classnames_add=None, classnames_exclude=None):
        button = super().inspect_button(pk, classnames_add, classnames_exclude)
        button["label"] = pgettext("loan application", "Open")
        return button


class ApplicationSearchHandler(DjangoORMSearchHandler):
    """A tracking code, student number or national code typed any way (Persian digits,
    dashes), or words of the name (Arabic ي/ك as Persian)."""

    def search_queryset(self, queryset, search_term, **kwargs):
        if not search_term:
            return queryset
        code = normalize_identifier(search_term)
        if code.isdigit() and len(code) >= 4:
            return queryset.filter(
                Q(tracking_code__contains=code)
                | Q(student_number=code)
                | Q(national_code=code)
                | Q(document_number=code)
            )
        for word in normalize_search_query(search_term).split():
            queryset = queryset.filter(Q(full_name__icontains=word) | Q(document_number=word))
        return queryset


class LiaisonPermissionHelper(FencedPermissionHelper):
    """Batches and the fund's answers: listed by loans staff, made by the fund liaison."""

    def user_can_create(self, user):
        return is_fund_liaison(user) and self.user_has_action_permission(user, "add")

    def user_can_edit_obj(self, user, obj):
        return False
