"""Batches to the Student Welfare Fund: listed by loans staff, made and downloaded by
the fund liaison (a download is logged for every application in the file)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.backoffice.actions import ActionView, ObjectActionView
from cms.backoffice.options import FencedModelAdmin
from cms.backoffice.views import FencedInspectView, no_store
from cms.formatting import fa_number, jdatetime

from .. import fund, workflow
from ..enums import ViewAction
from ..forms import BatchForm
from ..models import AcademicTerm, ApplicationViewLog, FundBatch, LoanApplication
from ..roles import roles_of
from .listing import LOANS_FENCE, LiaisonPermissionHelper, error_text, is_fund_liaison


class BatchInspectView(FencedInspectView):
    page_title = gettext_lazy("Fund batch")

    def get_context_data(self, **kwargs):
        batch = self.instance
        context = {
            "batch": batch,
            "totals": batch.totals(),
            "applications": batch.applications.select_related("loan_type", "term").order_by("pk"),
            "can_download": is_fund_liaison(self.request.user),
            "download_urls": {
                fmt: self.url_helper.get_action_url("download", batch.pk, fmt)
                for fmt in ("xlsx", "csv")
            },
            "application_url_name": "loans_applications_modeladmin_inspect",
            "answer_url": reverse("loans_answers_modeladmin_create"),
        }
        context.update(kwargs)
        return super().get_context_data(**context)


class BatchDownloadView(ObjectActionView):
    """The batch's file for the fund (XLSX or CSV), with national codes and Sheba in full."""

    name = "download"
    route = "download/<int:instance_pk>/<slug:file_format>/"
    http_method_names = ["get", "head"]
    formats = {
        "xlsx": (
            fund.batch_xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        "csv": (fund.batch_csv, "text/csv; charset=utf-8"),
    }

    def is_permitted_on(self, user, obj):
        return self.permission_helper.user_can_list(user) and is_fund_liaison(user)

    def get(self, request, instance_pk, file_format):
        if file_format not in self.formats:
            raise Http404
        write, content_type = self.formats[file_format]
        batch = self.object
        content = write(batch)
        ApplicationViewLog.objects.bulk_create(
            ApplicationViewLog(application=application, user=request.user, action=ViewAction.EXPORT)
            for application in batch.applications.all()
        )
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="loans-batch-{batch.number}.{file_format}"'
        )
        response["X-Content-Type-Options"] = "nosniff"
        return no_store(response)


class BatchCreateView(ActionView):
    """Collects the applications with issued documents into a new batch (the admin's
    "create" route)."""

    http_method_names = ["get", "post"]
    template_name = "loans/admin/batch_create.html"

    def is_permitted(self, user):
        return self.permission_helper.user_can_create(user)

    def get(self, request):
        return self.render(BatchForm())

    def post(self, request):
        form = BatchForm(request.POST or None)  # an empty POST shows the form again
        if not form.is_valid():
            return self.render(form)
        selected = LoanApplication.objects.ready_for_batch()
        if form.cleaned_data["loan_type"]:
            selected = selected.filter(loan_type=form.cleaned_data["loan_type"])
        if form.cleaned_data["term"]:
            selected = selected.filter(term=form.cleaned_data["term"])
        try:
            batch = workflow.create_batch(
                user=request.user,
                roles=roles_of(request.user),
                applications=selected,
                note=form.cleaned_data["note"],
            )
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, error_text(error))
            return self.render(form)
        messages.success(
            request,
            _("Batch %(number)s was made; download its file for the fund.")
            % {"number": batch.number},
        )
        return redirect(self.url_helper.get_action_url("inspect", batch.pk))

    def render(self, form):
        ready = LoanApplication.objects.ready_for_batch()
        groups = (
            ready.values("loan_type__name", "term__year", "term__half")
            .annotate(count=Count("pk"))
            .order_by("loan_type__name", "term__year", "term__half")
        )
        for group in groups:
            group["term"] = AcademicTerm(year=group["term__year"], half=group["term__half"])
        context = {
            "form": form,
            "groups": groups,
            "ready_count": ready.count(),
            "index_url": self.url_helper.index_url,
            "header_icon": self.model_admin.get_menu_icon(),
        }
        return TemplateResponse(self.request, self.template_name, context)


class FundBatchAdmin(FencedModelAdmin):
    model = FundBatch
    menu_label = gettext_lazy("Fund batches")
    menu_icon = "upload"
    base_url_path = "loans/batches"
    fence = LOANS_FENCE
    permission_helper_class = LiaisonPermissionHelper
    inspect_view_class = BatchInspectView
    inspect_template_name = "loans/admin/batch_inspect.html"
    create_view_class = BatchCreateView
    action_views = (BatchDownloadView,)
    list_display = ("number", "created_at_column", "created_by", "size_column")
    list_select_related = ("created_by",)
    search_fields = ("number",)

    def get_listing_queryset(self, request):
        return super().get_listing_queryset(request).annotate(size=Count("applications"))

    def created_at_column(self, obj):
        return jdatetime(obj.created_at, "short")

    created_at_column.short_description = gettext_lazy("Created at")
    created_at_column.admin_order_field = "created_at"

    def size_column(self, obj):
        return fa_number(obj.size)

    size_column.short_description = gettext_lazy("Applications")

    def get_inspect_view_extra_css(self):
        return ["loans/loans-admin.css"]
