from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail_modeladmin.options import ModelAdminGroup

from cms.backoffice.actions import ObjectActionView
from cms.backoffice.fence import UnitFence
from cms.backoffice.options import FencedModelAdmin
from cms.backoffice.staff_admin import StaffViewLogAdmin, UnitStaffAdmin
from cms.transitions import TransitionNotAllowed
from cms.uploads import attachment_response

from .models import Ticket, TicketStaff, TicketViewLog


def units_of(user):
    return set(TicketStaff.objects.filter(user=user).values_list("unit_id", flat=True))


# Staff see their own units' tickets; everything else is a 404, as if absent.
FENCE = UnitFence(units_of, name="testplugin", depends_on=[TicketStaff])


class CloseView(ObjectActionView):  # POST only; self.object is already fenced
    name = "close"
    route = "close/<int:instance_pk>/"

    def is_permitted_on(self, user, obj):
        return self.permission_helper.user_can_change(user, obj)

    def post(self, request, instance_pk):
        try:
            self.object.close(user=request.user)
        except TransitionNotAllowed as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("The ticket is closed."))
        return self.back()


class DownloadView(ObjectActionView):  # every download is logged
    name = "download"
    route = "download/<int:instance_pk>/<int:file_pk>/"
    http_method_names = ["get", "head"]

    def get(self, request, instance_pk, file_pk):
        file = get_object_or_404(self.object.files, pk=file_pk)
        self.model_admin.record_views([self.object], request.user, "download")
        return attachment_response(file.file, file.download_name, file.content_type)


class TicketAdmin(FencedModelAdmin):
    model = Ticket
    menu_label = gettext_lazy("Tickets")
    base_url_path = "testplugin/tickets"
    fence = FENCE
    view_log_model = TicketViewLog  # a StaffViewLog: it names its own field
    action_views = (CloseView, DownloadView)
    inspect_template_name = "testplugin/admin/ticket_inspect.html"
    list_display = ("code", "unit", "status", "sent_at")
    list_filter = ("status",)
    search_fields = ("code",)
    list_export = ("code", "unit", "status", "text")


class TicketStaffAdmin(UnitStaffAdmin):  # a unit's members add and remove its staff
    model = TicketStaff
    menu_label = gettext_lazy("Ticket staff")
    base_url_path = "testplugin/staff"
    fence = FENCE


class TicketViewLogAdmin(StaffViewLogAdmin):  # superusers only
    model = TicketViewLog
    menu_label = gettext_lazy("Views of tickets")
    base_url_path = "testplugin/views"


class TicketsAdminGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Tickets")
    menu_order = 990
    items = (TicketAdmin, TicketStaffAdmin, TicketViewLogAdmin)
