"""Who sees which requests (the per-unit fence), who may do what with them, and how the
queue is searched and filtered."""

from __future__ import annotations

from django.contrib.admin import SimpleListFilter
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale
from wagtail.signals import post_page_move
from wagtail_modeladmin.helpers import ButtonHelper, DjangoORMSearchHandler

from cms.backoffice.fence import UnitFence
from cms.backoffice.menu import menu_depends_on
from cms.backoffice.permissions import FencedPermissionHelper
from cms.text import normalize_identifier, normalize_search_query
from sitepages.models import UnitPage

from ..models import DeskStaff
from ..routing import handled_unit_ids


def _units_of(user) -> set[int]:
    return handled_unit_ids(DeskStaff.objects.filter(user=user).values_list("unit_id", flat=True))


# A staff member sees only the requests of the units they belong to, and of the unstaffed
# units that fall back to them (see :mod:`services.desk.routing`); superusers see all.
# Kept between requests until a membership, a user (deactivated) or a unit changes.
DESK_FENCE = UnitFence(
    _units_of, name="desk", depends_on=(DeskStaff, get_user_model(), UnitPage, Locale)
)
post_page_move.connect(DESK_FENCE.generation.bump, weak=False)
# Whether the desk's menu shows depends on the memberships too.
menu_depends_on(DeskStaff)


def desk_unit_ids(user) -> set[int]:
    """The units whose queues ``user`` works (computed once per request)."""
    return DESK_FENCE.units(user)


def can_see(user, service_request) -> bool:
    return DESK_FENCE.can_see(user, service_request)


class RequestPermissionHelper(FencedPermissionHelper):
    """Model permissions (view/change) AND membership of the request's unit."""

    def user_can_work_on(self, user, obj):
        return self.user_can_change(user, obj)

    def user_can_edit_obj(self, user, obj):
        return self.user_can_work_on(user, obj) and not obj.is_final


class RequestButtonHelper(ButtonHelper):
    def inspect_button(self, pk, classnames_add=None, classnames_exclude=None):
        button = super().inspect_button(pk, classnames_add, classnames_exclude)
        button["label"] = _("Handle")
        return button

    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if "history" not in (exclude or []) and self.permission_helper.user_can_inspect_obj(
            self.request.user, obj
        ):
            buttons.append(
                {
                    "url": self.url_helper.get_action_url("history", obj.pk),
                    "label": _("History"),
                    "classname": self.finalise_classname(
                        ["button-secondary", *(classnames_add or [])], classnames_exclude
                    ),
                    "title": _("History of this request"),
                }
            )
        return buttons


class RequestSearchHandler(DjangoORMSearchHandler):
    """Finds a request by its code however it is typed (Persian digits, dashes), or by
    name or subject (Arabic ي/ك as Persian)."""

    def search_queryset(self, queryset, search_term, **kwargs):
        if not search_term:
            return queryset
        code = normalize_identifier(search_term)
        if code.isdigit() and len(code) >= 4:
            return queryset.filter(tracking_code__contains=code)
        for word in normalize_search_query(search_term).split():
            queryset = queryset.filter(
                Q(tracking_code__contains=word)
                | Q(name__icontains=word)
                | Q(subject__icontains=word)
            )
        return queryset


class OverdueFilter(SimpleListFilter):
    title = gettext_lazy("deadline")
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [
            ("overdue", gettext_lazy("Overdue")),
            ("due_soon", gettext_lazy("Due within a day")),
            ("on_time", gettext_lazy("On time")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "overdue":
            return queryset.overdue(now)
        if self.value() == "due_soon":
            return queryset.awaiting_answer().filter(
                due_at__gte=now, due_at__lt=now + timezone.timedelta(days=1)
            )
        if self.value() == "on_time":
            return queryset.exclude(pk__in=queryset.overdue(now).values("pk"))
        return queryset
