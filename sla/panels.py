"""The Wagtail dashboard panel of statements that expire soon."""

import datetime as dt

from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.admin.ui.components import Component

from .models import SLAStatementPage
from .models.pages import EXPIRY_WARNING_DAYS


class ExpiringStatementsPanel(Component):
    """Live statements that expire within 30 days, or have already expired."""

    name = "sla_expiring_statements"
    template_name = "sla/admin/expiring_panel.html"
    order = 90

    def __init__(self, request):
        self.request = request

    def get_statements(self):
        today = timezone.localdate()
        statements = (
            SLAStatementPage.objects.live()
            .filter(valid_until__lte=today + dt.timedelta(days=EXPIRY_WARNING_DAYS))
            .select_related("owner", "locale")
            .order_by("valid_until")
        )
        return [
            statement
            for statement in statements
            if statement.permissions_for_user(self.request.user).can_edit()
        ]

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        statements = self.get_statements()
        for statement in statements:
            statement.days_remaining = statement.days_left(today)
            statement.current_state = statement.validity_state(today)
        return {"statements": statements, "warning_days": EXPIRY_WARNING_DAYS}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["statements"]:
            return ""
        return render_to_string(self.template_name, context, request=self.request)
