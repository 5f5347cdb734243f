"""Admin screens of the sla app, grouped under one menu (registered in wagtail_hooks)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CalendarDay, Service
from .termination_admin import ServiceTerminationViewSet
from .views import ImportStatementView, can_import
from .widgets import JalaliDateInput


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "clipboard-list"
    menu_label = _("Services")
    menu_order = 100
    list_display = ["code", "title", "responsible_unit", "is_open", "live", "termination_status"]
    list_filter = ["service_type", "is_open", "live"]
    search_fields = ["code", "title", "title_en"]
    ordering = ["code"]
    copy_view_enabled = True
    inspect_view_enabled = True


class CalendarDayViewSet(SnippetViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = _("Calendar days")
    menu_order = 200
    list_display = ["date", "name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    ordering = ["-date"]
    panels = [
        FieldPanel("date", widget=JalaliDateInput()),
        FieldPanel("kind"),
        FieldPanel("name"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


class ImportStatementViewSet(ViewSet):
    name = "sla_import"
    icon = "upload"
    menu_label = _("Import a statement")
    menu_order = 300
    menu_item_class = ImportMenuItem

    def get_urlpatterns(self):
        return [path("", ImportStatementView.as_view(), name="index")]


class SLAViewSetGroup(ViewSetGroup):
    menu_label = _("Service catalog")
    menu_icon = "clipboard-list"
    menu_order = 250
    items = (ServiceViewSet, CalendarDayViewSet, ImportStatementViewSet, ServiceTerminationViewSet)
