"""The project's own entries in Wagtail's admin menu, and its page-serving hook."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .querystring import check_page


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    # django-axes keeps its records in the Django admin, open to superusers only.
    return SuperuserMenuItem(
        _("Login lockouts"),
        reverse_lazy("admin:axes_accessattempt_changelist"),
        icon_name="lock",
        order=900,
    )


# Pages declare the query parameters they read (cms.querystring); others are a 400.
hooks.register("before_serve_page", check_page)
