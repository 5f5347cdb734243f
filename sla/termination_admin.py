"""Admin: a superuser terminates a service (backup and drill first), and everyone with
access to the catalog sees the terminations on record."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.backup.errors import fmt
from cms.jalali import parse_date

from .models import Service, ServiceTermination
from .termination import TerminationRefused, terminate


class TerminateForm(forms.Form):
    ended_on = forms.CharField(
        label=_("Ends on (Jalali date)"),
        required=False,
        help_text=_("For example 1404/12/29; empty means today."),
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand: a backup is taken and verified first, then the service stops "
            "taking requests. Nothing is deleted."
        )
    )

    def clean_ended_on(self):
        value = self.cleaned_data["ended_on"].strip()
        if not value:
            return None
        try:
            return parse_date(value)
        except ValueError as exc:
            raise forms.ValidationError(_("Enter a Jalali date like 1404/12/29.")) from exc


class TerminateServiceView(WagtailAdminTemplateMixin, FormView):
    form_class = TerminateForm
    template_name = "sla/admin/terminate_service.html"
    header_icon = "warning"

    def dispatch(self, request, pk):
        if not request.user.is_superuser:
            raise PermissionDenied
        self.service = get_object_or_404(Service, pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return fmt(_("Terminate %(service)s"), {"service": self.service.code})

    def get_context_data(self, **kwargs):
        return super().get_context_data(service=self.service, **kwargs)

    def form_valid(self, form):
        if self.service.is_terminated:
            messages.error(self.request, _("This service has already been terminated."))
            return redirect(self.list_url())
        try:
            result = terminate(
                self.service, user=self.request.user, ended_on=form.cleaned_data["ended_on"]
            )
        except TerminationRefused as exc:
            messages.error(self.request, exc.args[0])
            return self.render_to_response(
                self.get_context_data(form=form, report=exc.report, failed=True)
            )
        messages.success(
            self.request,
            fmt(
                _("%(code)s was terminated after a verified backup (SHA-256 %(sha)s)."),
                {"code": self.service.code, "sha": result.termination.archive_sha256},
            ),
        )
        return redirect(self.list_url())

    def list_url(self):
        return reverse("sla_termination:index")


class TerminationPolicy(ModelPermissionPolicy):
    """Records are written only by the termination itself; never edited or deleted."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.is_superuser


register_permission_policy(ServiceTermination, TerminationPolicy(ServiceTermination))


class ServiceTerminationViewSet(ModelViewSet):
    model = ServiceTermination
    icon = "warning"
    menu_label = _("Terminations")
    menu_order = 150
    list_display = [
        "service",
        "ended_on",
        "terminated_at",
        "terminated_by_name",
        "archive_path",
        "archive_sha256",
    ]
    inspect_view_enabled = True
    # Never edited (the policy refuses it); listed here only because ModelViewSet asks.
    form_fields = ["ended_on"]
    name = "sla_termination"

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("terminate/<int:pk>/", TerminateServiceView.as_view(), name="terminate"),
        ]


def terminate_button(snippet, user) -> list:
    """The service listing's "Terminate" item: superusers only, once per service."""
    from wagtail.admin.widgets import ListingButton

    if not isinstance(snippet, Service) or not user.is_superuser or snippet.is_terminated:
        return []
    return [
        ListingButton(
            _("Terminate (backup first)"),
            url=reverse("sla_termination:terminate", args=[snippet.pk]),
            icon_name="warning",
            priority=90,
        )
    ]
