"""The fund's answers: uploaded and previewed (nothing changes), then applied, by the
fund liaison. Both steps are view classes on the back-office base."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.backoffice.actions import ActionView, ObjectActionView
from cms.backoffice.options import FencedModelAdmin
from cms.backoffice.views import FencedInspectView
from cms.formatting import jdate, jdatetime

from .. import fund
from ..forms import AnswerUploadForm
from ..models import FundAnswerImport
from ..roles import roles_of
from .listing import LOANS_FENCE, LiaisonPermissionHelper, error_text, is_fund_liaison


def _jalali_iso(value) -> str:
    """An ISO date of the preview as staff read dates: Jalali."""
    if not value:
        return ""
    try:
        return jdate(dt.date.fromisoformat(value), "short")
    except ValueError:
        return value


class AnswerInspectView(FencedInspectView):
    """The preview: every row with what applying will do, or its error."""

    page_title = gettext_lazy("Preview of the fund's answer")

    def get_context_data(self, **kwargs):
        answer = self.instance
        context = {
            "answer": answer,
            "counts": answer.counts(),
            "rows": [{**row, "date_display": _jalali_iso(row.get("date"))} for row in answer.rows],
            "can_apply": not answer.is_applied and is_fund_liaison(self.request.user),
            "apply_url": self.url_helper.get_action_url("apply", answer.pk),
            "application_url_name": "loans_applications_modeladmin_inspect",
        }
        context.update(kwargs)
        return super().get_context_data(**context)


class AnswerApplyView(ObjectActionView):
    """Applies the previewed rows; applying the same file again changes nothing."""

    name = "apply"
    route = "apply/<int:instance_pk>/"

    def is_permitted_on(self, user, obj):
        return self.permission_helper.user_can_list(user) and is_fund_liaison(user)

    def post(self, request, instance_pk):
        answer = self.object
        if answer.is_applied:
            messages.info(request, _("This file was applied before; nothing was changed again."))
            return self.back()
        try:
            changed = fund.apply_answer(answer, user=request.user, roles=roles_of(request.user))
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request,
                _("The fund's answer was applied: %(count)d applications changed.")
                % {"count": changed},
            )
        return self.back()


class AnswerUploadView(ActionView):
    """Upload: the file is read and previewed; nothing is applied yet (the admin's
    "create" route)."""

    http_method_names = ["get", "post"]
    template_name = "loans/admin/answer_upload.html"

    def is_permitted(self, user):
        return self.permission_helper.user_can_create(user)

    def get(self, request):
        return self.render(AnswerUploadForm())

    def post(self, request):
        form = AnswerUploadForm(request.POST or None, request.FILES or None)
        if form.is_valid():
            try:
                answer = fund.preview_answer(form.cleaned_data["file"], user=request.user)
            except ValidationError as error:
                form.add_error("file", error)
            else:
                return redirect(self.url_helper.get_action_url("inspect", answer.pk))
        return self.render(form)

    def render(self, form):
        context = {
            "form": form,
            "index_url": self.url_helper.index_url,
            "header_icon": self.model_admin.get_menu_icon(),
        }
        return TemplateResponse(self.request, self.template_name, context)


class FundAnswerImportAdmin(FencedModelAdmin):
    model = FundAnswerImport
    menu_label = gettext_lazy("Fund answers")
    menu_icon = "download"
    base_url_path = "loans/answers"
    fence = LOANS_FENCE
    permission_helper_class = LiaisonPermissionHelper
    inspect_view_class = AnswerInspectView
    inspect_template_name = "loans/admin/answer_preview.html"
    create_view_class = AnswerUploadView
    action_views = (AnswerApplyView,)
    list_display = ("original_name", "uploaded_at_column", "uploaded_by", "state", "changed_count")
    list_filter = ("state",)
    list_select_related = ("uploaded_by",)

    def uploaded_at_column(self, obj):
        return jdatetime(obj.uploaded_at, "short")

    uploaded_at_column.short_description = gettext_lazy("Uploaded at")
    uploaded_at_column.admin_order_field = "uploaded_at"

    def get_inspect_view_extra_css(self):
        return ["loans/loans-admin.css"]
