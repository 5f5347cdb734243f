"""The officials' meeting hours (weekday, from, to), kept by the staff of their unit."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList

from cms.backoffice.fence import Fence
from cms.backoffice.options import FencedModelAdmin
from cms.backoffice.permissions import FencedPermissionHelper
from sitepages.models import Official

from ..models import MeetingHours
from ..routing import default_locale
from .listing import DESK_FENCE


class OfficialUnitFence(Fence):
    """Staff see the meeting hours of the officials of the units whose queues they work."""

    def admits(self, user):
        return DESK_FENCE.admits(user)

    def narrow(self, user, queryset):
        return queryset.filter(official__page_id__in=sorted(DESK_FENCE.units(user)))

    def can_see(self, user, obj):
        if not DESK_FENCE.admits(user):
            return False
        return user.is_superuser or obj.official.page_id in DESK_FENCE.units(user)


class MeetingHoursPermissionHelper(FencedPermissionHelper):
    def user_can_delete_obj(self, user, obj):
        return self.user_has_action_permission(user, "delete") and self.fence.can_see(user, obj)


class MeetingHoursForm(WagtailAdminModelForm):
    """Only officials who accept meetings, on the (default-language) units of the user."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        officials = Official.objects.filter(
            accepts_meetings=True, page__locale=default_locale()
        ).select_related("page")
        if for_user is not None and not for_user.is_superuser:
            officials = officials.filter(page_id__in=DESK_FENCE.units(for_user))
        field = self.fields["official"]
        field.queryset = officials.order_by("page__path", "sort_order")
        field.label_from_instance = lambda o: f"{o.name} — {o.post} ({o.page.title})"


class MeetingHoursAdmin(FencedModelAdmin):
    model = MeetingHours
    menu_label = gettext_lazy("Meeting hours")
    menu_icon = "time"
    base_url_path = "desk/meeting-hours"
    fence = OfficialUnitFence()
    permission_helper_class = MeetingHoursPermissionHelper
    inspect_view_enabled = False
    staff_can_create = True
    staff_can_edit = True
    list_display = ("official", "weekday", "starts", "ends")
    list_filter = ("weekday",)
    search_fields = ("official__name",)
    list_select_related = ("official", "official__page")
    edit_handler = ObjectList(
        [
            FieldPanel("official", widget=forms.Select),
            FieldRowPanel([FieldPanel("weekday"), FieldPanel("starts"), FieldPanel("ends")]),
        ],
        base_form_class=MeetingHoursForm,
    )
