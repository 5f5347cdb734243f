"""The welfare office's reports, and the loans menu group."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.options import ModelAdminGroup

from cms.backoffice.actions import ActionView

from .. import conf, metrics
from ..enums import LoanStage
from ..forms import BatchForm
from ..models import AcademicTerm, LoanApplication
from ..roles import is_loans_staff
from .answers import FundAnswerImportAdmin
from .applications import LoanApplicationAdmin
from .batches import FundBatchAdmin
from .catalog import AcademicTermAdmin, LoanTypeAdmin


def user_can_see_reports(user) -> bool:
    return is_loans_staff(user) and user.has_perm("loans.view_loan_reports")


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_see_reports(request.user)


class ReportsView(ActionView):
    """Counts and amounts per stage, loan type and term; days spent in each stage. Built
    on the applications' back office: its fence gives the applications counted, and only
    its two filters are accepted in the query string (anything else is a 400)."""

    http_method_names = ["get", "head"]
    template_name = "loans/admin/reports.html"
    query_fields = {
        "loan_type": BatchForm.base_fields["loan_type"],
        "term": BatchForm.base_fields["term"],
    }

    def is_permitted(self, user):
        return user_can_see_reports(user)

    def back_url(self):
        return reverse("loans_reports")

    def get(self, request):
        queryset = self.model_admin.fence.filter(request.user, LoanApplication.objects.all())
        if self.query.get("loan_type"):
            queryset = queryset.filter(loan_type=self.query["loan_type"])
        if self.query.get("term"):
            queryset = queryset.filter(term=self.query["term"])
        form = BatchForm(request.GET or None)
        form.fields.pop("note")
        data = metrics.report(queryset)
        for row in data["types"]:
            row["by_stage"] = [row[f"n_{stage}"] for stage in LoanStage.values]
            row["name"] = row["loan_type__name"]
        for row in data["terms"]:
            row["term"] = AcademicTerm(year=row["term__year"], half=row["term__half"])
        end = timezone.now()
        start = end - timezone.timedelta(days=365)
        targets = conf.stage_targets()
        days = [
            {
                "label": LoanStage(stage).label,
                "target": targets.get(stage),
                **figures,
                "late": figures["days"] is not None
                and targets.get(stage) is not None
                and figures["days"] > targets[stage],
            }
            for stage, figures in metrics.days_per_stage(start, end).items()
        ]
        context = {
            "form": form,
            "report": data,
            "stage_labels": [label for _value, label in LoanStage.choices],
            "days": days,
            "start": start,
            "end": end,
        }
        return TemplateResponse(request, self.template_name, context)


class LoansAdminGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Student loans")
    menu_icon = "form"
    menu_order = 260
    items = (
        LoanApplicationAdmin,
        FundBatchAdmin,
        FundAnswerImportAdmin,
        LoanTypeAdmin,
        AcademicTermAdmin,
    )

    def get_submenu_items(self):
        items = super().get_submenu_items()
        items.insert(
            3,
            ReportsMenuItem(
                gettext_lazy("Reports"),
                reverse("loans_reports"),
                name="loans-reports",
                icon_name="table",
                order=3,
            ),
        )
        return items

    def get_admin_urls_for_registration(self):
        applications = next(
            admin for admin in self.modeladmin_instances if isinstance(admin, LoanApplicationAdmin)
        )
        return (
            *super().get_admin_urls_for_registration(),
            path(
                "loans/reports/",
                ReportsView.as_view(model_admin=applications),
                name="loans_reports",
            ),
        )
