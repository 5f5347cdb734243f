"""The loan applications' ModelAdmin, built on the back-office base
(:mod:`cms.backoffice`), and its actions as view classes: moving an application to
another stage, downloading one of its documents."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.backoffice.actions import ObjectActionView
from cms.backoffice.filters import CachedRelatedOnlyFilter
from cms.backoffice.options import FencedModelAdmin
from cms.backoffice.views import no_store
from cms.formatting import fa_number, jdate
from cms.tracking import format_tracking_code
from cms.uploads import attachment_response

from .. import workflow
from ..enums import LoanStage, ViewAction, get_transition
from ..forms import MoveForm
from ..models import ApplicationViewLog, LoanApplication
from ..roles import roles_of
from .application_views import ApplicationHistoryView, ApplicationIndexView, ApplicationInspectView
from .listing import (
    LOANS_FENCE,
    ApplicationButtonHelper,
    ApplicationPermissionHelper,
    ApplicationSearchHandler,
    error_text,
)


class MoveView(ObjectActionView):
    """One move between stages, if the transitions table gives it to one of the user's
    roles and the application is still in the stage the user saw."""

    name = "move"
    route = "move/<int:instance_pk>/<slug:target>/"

    def post(self, request, instance_pk, target):
        obj = self.object
        roles = roles_of(request.user)
        seen_stage = request.POST.get(f"move-{target}-expected_stage", "")
        transition = get_transition(seen_stage, target)
        if transition is None or transition.role not in roles:
            # Not a move this user's roles may make (the page never offers it).
            raise PermissionDenied
        form = MoveForm(request.POST, application=obj, target=target, stage=seen_stage)
        if not form.is_valid():
            if seen_stage != obj.stage:
                messages.error(
                    request, _("This application was moved meanwhile; look at it again.")
                )
                return self.back()
            messages.error(request, _("Please correct the errors below."))
            return no_store(self.render_inspect(move_forms={target: form}))
        try:
            workflow.move(
                obj,
                target,
                roles=roles,
                user=request.user,
                note=form.cleaned_data.get("note", ""),
                expected_stage=form.cleaned_data["expected_stage"],
                **form.move_data(),
            )
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request,
                _("The application is now “%(stage)s”.") % {"stage": obj.get_stage_display()},
            )
        return self.back()


class DocumentDownloadView(ObjectActionView):
    """A document of an application; every download is logged."""

    name = "download"
    route = "download/<int:instance_pk>/<int:document_pk>/"
    http_method_names = ["get", "head"]

    def get(self, request, instance_pk, document_pk):
        document = get_object_or_404(self.object.documents, pk=document_pk)
        self.model_admin.record_views([self.object], request.user, ViewAction.DOWNLOAD)
        return attachment_response(document.file, document.download_name, document.content_type)


class LoanApplicationAdmin(FencedModelAdmin):
    model = LoanApplication
    menu_label = gettext_lazy("Applications")
    menu_icon = "form"
    base_url_path = "loans/applications"
    permission_helper_class = ApplicationPermissionHelper
    button_helper_class = ApplicationButtonHelper
    search_handler_class = ApplicationSearchHandler
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
    history_view_class = ApplicationHistoryView
    fence = LOANS_FENCE
    view_log_model = ApplicationViewLog
    view_log_field = "application"
    action_views = (MoveView, DocumentDownloadView)
    # The stage is chosen with the queue tabs above the list.
    listing_params = {"stage": forms.ChoiceField(choices=LoanStage.choices, required=False)}
    index_template_name = "loans/admin/application_index.html"
    inspect_template_name = "loans/admin/application_inspect.html"
    list_per_page = 50
    list_display = (
        "code_column",
        "full_name",
        "national_code_column",
        "loan_type",
        "amount_column",
        "stage_column",
        "since_column",
    )
    list_filter = (
        ("loan_type", CachedRelatedOnlyFilter),
        ("term", CachedRelatedOnlyFilter),
        "faculty",
        "degree",
    )
    list_select_related = ("loan_type", "term")
    search_fields = ("full_name",)
    list_export = (
        "formatted_code",
        "full_name",
        "masked_national_code",
        "student_number",
        "loan_type",
        "term",
        "get_faculty_display",
        "get_degree_display",
        "requested_amount",
        "document_number",
        "document_amount",
        "get_stage_display",
        "masked_sheba",
    )
    export_headings = {
        "formatted_code": gettext_lazy("Tracking code"),
        "masked_national_code": gettext_lazy("National code"),
        "masked_sheba": gettext_lazy("Sheba account number"),
        "get_faculty_display": gettext_lazy("Faculty"),
        "get_degree_display": gettext_lazy("Degree"),
        "get_stage_display": gettext_lazy("Stage"),
    }
    export_filename = "loan-applications"

    def get_listing_queryset(self, request):
        return LoanApplication.objects.with_related().order_by("-submitted_at", "-pk")

    def apply_listing_params(self, request, queryset, values):
        if values.get("stage"):
            queryset = queryset.filter(stage=values["stage"])
        return queryset

    # Columns

    def code_column(self, obj):
        return format_html(
            '<span dir="ltr" class="loans-nowrap">{}</span>',
            format_tracking_code(obj.tracking_code),
        )

    code_column.short_description = gettext_lazy("Tracking code")
    code_column.admin_order_field = "tracking_code"

    def national_code_column(self, obj):
        return format_html(
            '<span dir="ltr" class="loans-nowrap">{}</span>', obj.masked_national_code
        )

    national_code_column.short_description = gettext_lazy("National code")

    def amount_column(self, obj):
        return fa_number(obj.document_amount or obj.requested_amount)

    amount_column.short_description = gettext_lazy("Amount (Rials)")
    amount_column.admin_order_field = "requested_amount"

    def stage_column(self, obj):
        return format_html(
            '<span class="loans-admin-stage loans-admin-stage--{}">{}</span>',
            obj.stage,
            obj.get_stage_display(),
        )

    stage_column.short_description = gettext_lazy("Stage")
    stage_column.admin_order_field = "stage"

    def since_column(self, obj):
        return jdate(obj.stage_changed_at, "short")

    since_column.short_description = gettext_lazy("Since")
    since_column.admin_order_field = "stage_changed_at"

    def get_index_view_extra_css(self):
        return ["loans/loans-admin.css"]

    def get_inspect_view_extra_css(self):
        return ["loans/loans-admin.css"]
