"""The welfare office's back office in the Wagtail admin (wagtail-modeladmin).

Who may do what is decided by real permissions of this app, granted through the role
groups (:mod:`services.loans.roles`), and checked by every view, not only by the menus:

* listing, opening and reading the history of applications: ``loans.view_loanapplication``
  and one of the three roles;
* each move between stages: the role the transitions table names for it;
* batches to the fund and the fund's answers: the fund liaison;
* reports: ``loans.view_loan_reports``.

Lists mask national codes and Sheba numbers. Pages that show them in full (an opened
application, a batch's file, an answer file's preview) are never cached and are logged.
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.helpers import ButtonHelper, DjangoORMSearchHandler, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup
from wagtail_modeladmin.views import IndexView, InspectView, InstanceSpecificView

from cms.backoffice.exports import csv_safe
from cms.text import normalize_identifier, normalize_search_query
from cms.tracking import format_tracking_code
from cms.tracking_session import NO_STORE
from cms.uploads import attachment_response

from . import fund, metrics, workflow
from .enums import ROLE_QUEUES, LoanStage, Role, ViewAction, allowed_targets, get_transition
from .forms import AnswerUploadForm, BatchForm, MoveForm
from .models import (
    AcademicTerm,
    ApplicationViewLog,
    FundAnswerImport,
    FundBatch,
    LoanApplication,
    LoanType,
)
from .roles import is_loans_staff, roles_of


def no_store(response):
    response["Cache-Control"] = NO_STORE
    return response


def private_view(view):
    """An admin view that shows personal data: never cached anywhere."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        return no_store(never_cache(view)(*args, **kwargs))

    return wrapped


def ltr(text: str) -> str:
    """Text kept left to right inside a right-to-left line (codes with dashes)."""
    return f"\u2066{text}\u2069"


def _error_text(error) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


# Applications


class ApplicationPermissionHelper(PermissionHelper):
    def user_can_list(self, user):
        return is_loans_staff(user)

    def user_can_create(self, user):
        # Applications come from students, never typed in by staff.
        return False

    def user_can_inspect_obj(self, user, obj):
        return self.user_can_list(user)

    def user_can_edit_obj(self, user, obj):
        # Stages change through the transitions only; nothing is edited by hand.
        return False

    def user_can_delete_obj(self, user, obj):
        # Nothing a student sent is ever deleted from the admin.
        return False


class ApplicationButtonHelper(ButtonHelper):
    def inspect_button(self, pk, classnames_add=None, classnames_exclude=None):
        button = super().inspect_button(pk, classnames_add, classnames_exclude)
        button["label"] = pgettext("loan application", "Open")
        return button


class ApplicationSearchHandler(DjangoORMSearchHandler):
    """A tracking code, student number or national code typed any way (Persian digits,
    dashes), or words of the name (Arabic ي/ك as Persian)."""

    def search_queryset(self, queryset, search_term, **kwargs):
        if not search_term:
            return queryset
        code = normalize_identifier(search_term)
        if code.isdigit() and len(code) >= 4:
            return queryset.filter(
                Q(tracking_code__contains=code)
                | Q(student_number=code)
                | Q(national_code=code)
                | Q(document_number=code)
            )
        for word in normalize_search_query(search_term).split():
            queryset = queryset.filter(Q(full_name__icontains=word) | Q(document_number=word))
        return queryset


class ApplicationIndexView(IndexView):
    """The queues: one tab per stage with its count, the user's own queues first."""

    def dispatch(self, request, *args, **kwargs):
        return no_store(super().dispatch(request, *args, **kwargs))

    def as_spreadsheet(self, queryset, spreadsheet_format):
        rows = list(queryset)
        ApplicationViewLog.objects.bulk_create(
            ApplicationViewLog(application=row, user=self.request.user, action=ViewAction.EXPORT)
            for row in rows
        )
        return no_store(super().as_spreadsheet(rows, spreadsheet_format))

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: csv_safe(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def get_heading(self, queryset, field):
        heading = self.model_admin.export_headings.get(field)
        return str(heading) if heading else super().get_heading(queryset, field)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = dict(
            self.get_base_queryset().values_list("stage").annotate(n=Count("pk")).order_by()
        )
        mine = set()
        for role in roles_of(self.request.user):
            mine.update(ROLE_QUEUES.get(role, ()))
        current = self.request.GET.get("stage", "")
        # A tab keeps the other filters and the search, and starts at the first page.
        kept = self.request.GET.copy()
        for name in ("stage", self.PAGE_VAR):
            kept.pop(name, None)

        def tab_url(stage=""):
            query = kept.copy()
            if stage:
                query["stage"] = stage
            encoded = query.urlencode()
            return (
                f"{self.url_helper.index_url}?{encoded}" if encoded else self.url_helper.index_url
            )

        context["queues"] = [
            {
                "stage": stage,
                "label": label,
                "count": counts.get(stage, 0),
                "mine": stage in mine,
                "current": stage == current,
                "url": tab_url(stage),
            }
            for stage, label in LoanStage.choices
        ]
        context["all_url"] = tab_url()
        context["all_count"] = sum(counts.values())
        context["no_filter"] = not current
        return context


class ApplicationInspectView(InspectView):
    """The work screen: the application in full, its documents, its timeline, and the
    moves the user's roles may make now."""

    page_title = gettext_lazy("Loan application")

    def dispatch(self, request, *args, **kwargs):
        return no_store(never_cache(super().dispatch)(request, *args, **kwargs))

    def get(self, request, *args, **kwargs):
        ApplicationViewLog.record(self.instance, request.user, ViewAction.INSPECT)
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return ltr(format_tracking_code(self.instance.tracking_code))

    def get_context_data(self, **kwargs):
        obj = self.instance
        roles = roles_of(self.request.user)
        forms = kwargs.pop("move_forms", None) or {}
        moves = []
        for target in allowed_targets(obj.stage, roles):
            moves.append(
                {
                    "target": target,
                    "label": LoanStage(target).label,
                    "form": forms.get(target) or MoveForm(application=obj, target=target),
                    "url": self.url_helper.get_action_url("move", obj.pk, target),
                    "danger": target in (LoanStage.REJECTED, LoanStage.RETURNED),
                }
            )
        context = {
            "application": obj,
            "moves": moves,
            "roles": [Role(role).label for role in sorted(roles)],
            "timeline": obj.stage_changes.select_related("user"),
            "documents": obj.documents.all(),
            "history_url": self.url_helper.get_action_url("history", obj.pk),
            "download_url_name": self.url_helper.get_action_url_name("download"),
            "waiting_for": _waiting_for(obj),
        }
        context.update(kwargs)
        return super().get_context_data(**context)


def _waiting_for(application) -> str:
    """Whose move it is now, from the transitions table."""
    roles = []
    for target in LoanStage.values:
        transition = get_transition(application.stage, target)
        if transition and transition.role not in roles:
            roles.append(transition.role)
    return "، ".join(str(Role(role).label) for role in roles)


class ApplicationHistoryView(InstanceSpecificView):
    """Who changed what and when (django-simple-history), and who looked at it."""

    def dispatch(self, request, *args, **kwargs):
        return no_store(never_cache(super().dispatch)(request, *args, **kwargs))

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_inspect_obj(user, self.instance)

    def get_template_names(self):
        return ["loans/admin/application_history.html"]

    def get_page_title(self):
        return _("History")

    def get_page_subtitle(self):
        return ltr(format_tracking_code(self.instance.tracking_code))

    def get(self, request, *args, **kwargs):
        ApplicationViewLog.record(self.instance, request.user, ViewAction.HISTORY)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        obj = self.instance
        records = list(obj.history.select_related("history_user").order_by("history_date", "pk"))
        entries, previous = [], None
        for record in records:
            changes = []
            if previous is not None:
                for change in record.diff_against(previous).changes:
                    field = LoanApplication._meta.get_field(change.field)
                    changes.append(
                        {
                            "field": field.verbose_name,
                            "old": _display(field, change.old),
                            "new": _display(field, change.new),
                        }
                    )
            entries.append(
                {
                    "at": record.history_date,
                    "user": record.history_user,
                    "reason": record.history_change_reason or "",
                    "what": _("Created") if record.history_type == "+" else _("Changed"),
                    "changes": changes,
                }
            )
            previous = record
        entries.reverse()
        context = {
            "entries": entries,
            "views": obj.view_logs.select_related("user")[:200],
            "inspect_url": self.url_helper.get_action_url("inspect", obj.pk),
        }
        context.update(kwargs)
        return super().get_context_data(**context)


def _display(field, value):
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if value is None or value == "":
        return "—"
    if field.is_relation:
        try:
            return str(field.related_model._default_manager.get(pk=value))
        except field.related_model.DoesNotExist:
            return f"#{value}"
    return value


class LoanApplicationAdmin(ModelAdmin):
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
    inspect_view_enabled = True
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
    # The stage is chosen with the queue tabs above the list.
    list_filter = ("loan_type", "term", "faculty", "degree")
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

    def get_queryset(self, request):
        return LoanApplication.objects.with_related().order_by("-submitted_at", "-pk")

    def get_object(self, request, instance_pk) -> LoanApplication:
        try:
            pk = int(instance_pk)
        except (TypeError, ValueError) as error:
            raise Http404 from error
        return get_object_or_404(self.get_queryset(request), pk=pk)

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
        from cms.templatetags.persian import fa_number

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
        from cms.templatetags.persian import jdate

        return jdate(obj.stage_changed_at, "short")

    since_column.short_description = gettext_lazy("Since")
    since_column.admin_order_field = "stage_changed_at"

    def get_index_view_extra_css(self):
        return ["loans/loans-admin.css"]

    def get_inspect_view_extra_css(self):
        return ["loans/loans-admin.css"]

    # Every view about one application checks that it exists first.

    def inspect_view(self, request, instance_pk):
        self.get_object(request, instance_pk)
        return super().inspect_view(request, instance_pk)

    def history_view(self, request, instance_pk):
        self.get_object(request, instance_pk)
        return super().history_view(request, instance_pk)

    def edit_view(self, request, instance_pk):
        raise PermissionDenied

    def delete_view(self, request, instance_pk):
        raise PermissionDenied

    def create_view(self, request):
        raise PermissionDenied

    def get_admin_urls_for_registration(self):
        base = self.url_helper.base_url_path
        name = self.url_helper.get_action_url_name
        return (
            *super().get_admin_urls_for_registration(),
            path(
                f"{base}/move/<int:instance_pk>/<slug:target>/",
                self.move_view,
                name=name("move"),
            ),
            path(
                f"{base}/download/<int:instance_pk>/<int:document_pk>/",
                self.download_view,
                name=name("download"),
            ),
        )

    def move_view(self, request, instance_pk, target):
        return require_POST(self._move)(request, instance_pk, target)

    def _move(self, request, instance_pk, target):
        if not self.permission_helper.user_can_list(request.user):
            raise PermissionDenied
        obj = self.get_object(request, instance_pk)
        roles = roles_of(request.user)
        seen_stage = request.POST.get(f"move-{target}-expected_stage", "")
        transition = get_transition(seen_stage, target)
        if transition is None or transition.role not in roles:
            # Not a move this user's roles may make (the page never offers it).
            raise PermissionDenied
        form = MoveForm(request.POST, application=obj, target=target, stage=seen_stage)
        back = redirect(self.url_helper.get_action_url("inspect", obj.pk))
        if not form.is_valid():
            if seen_stage != obj.stage:
                messages.error(
                    request, _("This application was moved meanwhile; look at it again.")
                )
                return back
            messages.error(request, _("Please correct the errors below."))
            view = self.inspect_view_class(model_admin=self, instance_pk=str(obj.pk))
            view.setup(request)
            view.button_helper = self.get_button_helper_class()(view, request)
            return no_store(
                view.render_to_response(view.get_context_data(move_forms={target: form}))
            )
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
            messages.error(request, _error_text(error))
        else:
            messages.success(
                request,
                _("The application is now “%(stage)s”.") % {"stage": obj.get_stage_display()},
            )
        return back

    def download_view(self, request, instance_pk, document_pk):
        if not self.permission_helper.user_can_list(request.user):
            raise PermissionDenied
        obj = self.get_object(request, instance_pk)
        document = get_object_or_404(obj.documents, pk=document_pk)
        ApplicationViewLog.record(obj, request.user, ViewAction.DOWNLOAD)
        return attachment_response(document.file, document.download_name, document.content_type)


# Fund batches


def _is_fund_liaison(user) -> bool:
    return Role.FUND_LIAISON in roles_of(user)


class BatchPermissionHelper(PermissionHelper):
    def user_can_list(self, user):
        return is_loans_staff(user) and self.user_has_specific_permission(user, "view_fundbatch")

    def user_can_create(self, user):
        return _is_fund_liaison(user) and self.user_has_specific_permission(user, "add_fundbatch")

    def user_can_inspect_obj(self, user, obj):
        return self.user_can_list(user)

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class BatchInspectView(InspectView):
    page_title = gettext_lazy("Fund batch")

    def dispatch(self, request, *args, **kwargs):
        return no_store(super().dispatch(request, *args, **kwargs))

    def get_context_data(self, **kwargs):
        batch = self.instance
        context = {
            "batch": batch,
            "totals": batch.totals(),
            "applications": batch.applications.select_related("loan_type", "term").order_by("pk"),
            "can_download": _is_fund_liaison(self.request.user),
            "download_urls": {
                fmt: self.url_helper.get_action_url("download", batch.pk, fmt)
                for fmt in ("xlsx", "csv")
            },
            "application_url_name": "loans_applications_modeladmin_inspect",
            "answer_url": reverse("loans_answers_modeladmin_create"),
        }
        context.update(kwargs)
        return super().get_context_data(**context)


class FundBatchAdmin(ModelAdmin):
    model = FundBatch
    menu_label = gettext_lazy("Fund batches")
    menu_icon = "upload"
    base_url_path = "loans/batches"
    permission_helper_class = BatchPermissionHelper
    inspect_view_enabled = True
    inspect_view_class = BatchInspectView
    inspect_template_name = "loans/admin/batch_inspect.html"
    list_display = ("number", "created_at_column", "created_by", "size_column")
    list_select_related = ("created_by",)
    search_fields = ("number",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(size=Count("applications"))

    def created_at_column(self, obj):
        from cms.templatetags.persian import jdatetime

        return jdatetime(obj.created_at, "short")

    created_at_column.short_description = gettext_lazy("Created at")
    created_at_column.admin_order_field = "created_at"

    def size_column(self, obj):
        from cms.templatetags.persian import fa_number

        return fa_number(obj.size)

    size_column.short_description = gettext_lazy("Applications")

    def get_inspect_view_extra_css(self):
        return ["loans/loans-admin.css"]

    def get_admin_urls_for_registration(self):
        base = self.url_helper.base_url_path
        return (
            *super().get_admin_urls_for_registration(),
            path(
                f"{base}/download/<int:instance_pk>/<slug:file_format>/",
                self.download_view,
                name=self.url_helper.get_action_url_name("download"),
            ),
        )

    def edit_view(self, request, instance_pk):
        raise PermissionDenied

    def delete_view(self, request, instance_pk):
        raise PermissionDenied

    def create_view(self, request):
        """Collects the applications with issued documents into a new batch."""
        if not self.permission_helper.user_can_create(request.user):
            raise PermissionDenied
        form = BatchForm(request.POST or None)
        ready = LoanApplication.objects.ready_for_batch()
        if request.method == "POST" and form.is_valid():
            selected = ready
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
                messages.error(request, _error_text(error))
            else:
                messages.success(
                    request,
                    _("Batch %(number)s was made; download its file for the fund.")
                    % {"number": batch.number},
                )
                return redirect(self.url_helper.get_action_url("inspect", batch.pk))
        groups = (
            ready.values("loan_type__name", "term__year", "term__half")
            .annotate(count=Count("pk"))
            .order_by("loan_type__name", "term__year", "term__half")
        )
        for group in groups:
            group["term"] = AcademicTerm(year=group["term__year"], half=group["term__half"])
        return TemplateResponse(
            request,
            "loans/admin/batch_create.html",
            {
                "form": form,
                "groups": groups,
                "ready_count": ready.count(),
                "index_url": self.url_helper.index_url,
                "header_icon": self.get_menu_icon(),
            },
        )

    def download_view(self, request, instance_pk, file_format):
        if not self.permission_helper.user_can_list(request.user) or not _is_fund_liaison(
            request.user
        ):
            raise PermissionDenied
        batch = get_object_or_404(FundBatch, pk=instance_pk)
        if file_format == "xlsx":
            content = fund.batch_xlsx(batch)
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        elif file_format == "csv":
            content = fund.batch_csv(batch)
            content_type = "text/csv; charset=utf-8"
        else:
            raise Http404
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


# The fund's answers


class AnswerPermissionHelper(PermissionHelper):
    def user_can_list(self, user):
        return is_loans_staff(user) and self.user_has_specific_permission(
            user, "view_fundanswerimport"
        )

    def user_can_create(self, user):
        return _is_fund_liaison(user) and self.user_has_specific_permission(
            user, "add_fundanswerimport"
        )

    def user_can_inspect_obj(self, user, obj):
        return self.user_can_list(user)

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class AnswerInspectView(InspectView):
    """The preview: every row with what applying will do, or its error."""

    page_title = gettext_lazy("Preview of the fund's answer")

    def dispatch(self, request, *args, **kwargs):
        return no_store(never_cache(super().dispatch)(request, *args, **kwargs))

    def get_context_data(self, **kwargs):
        answer = self.instance
        context = {
            "answer": answer,
            "counts": answer.counts(),
            "rows": [{**row, "date_display": _jalali_iso(row.get("date"))} for row in answer.rows],
            "can_apply": not answer.is_applied and _is_fund_liaison(self.request.user),
            "apply_url": self.url_helper.get_action_url("apply", answer.pk),
            "application_url_name": "loans_applications_modeladmin_inspect",
        }
        context.update(kwargs)
        return super().get_context_data(**context)


def _jalali_iso(value) -> str:
    """An ISO date of the preview as staff read dates: Jalali."""
    import datetime as dt

    from cms.templatetags.persian import jdate

    if not value:
        return ""
    try:
        return jdate(dt.date.fromisoformat(value), "short")
    except ValueError:
        return value


class FundAnswerImportAdmin(ModelAdmin):
    model = FundAnswerImport
    menu_label = gettext_lazy("Fund answers")
    menu_icon = "download"
    base_url_path = "loans/answers"
    permission_helper_class = AnswerPermissionHelper
    inspect_view_enabled = True
    inspect_view_class = AnswerInspectView
    inspect_template_name = "loans/admin/answer_preview.html"
    list_display = ("original_name", "uploaded_at_column", "uploaded_by", "state", "changed_count")
    list_filter = ("state",)
    list_select_related = ("uploaded_by",)

    def uploaded_at_column(self, obj):
        from cms.templatetags.persian import jdatetime

        return jdatetime(obj.uploaded_at, "short")

    uploaded_at_column.short_description = gettext_lazy("Uploaded at")
    uploaded_at_column.admin_order_field = "uploaded_at"

    def get_inspect_view_extra_css(self):
        return ["loans/loans-admin.css"]

    def get_admin_urls_for_registration(self):
        base = self.url_helper.base_url_path
        return (
            *super().get_admin_urls_for_registration(),
            path(
                f"{base}/apply/<int:instance_pk>/",
                self.apply_view,
                name=self.url_helper.get_action_url_name("apply"),
            ),
        )

    def edit_view(self, request, instance_pk):
        raise PermissionDenied

    def delete_view(self, request, instance_pk):
        raise PermissionDenied

    def create_view(self, request):
        """Upload: the file is read and previewed; nothing is applied yet."""
        if not self.permission_helper.user_can_create(request.user):
            raise PermissionDenied
        form = AnswerUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                answer = fund.preview_answer(form.cleaned_data["file"], user=request.user)
            except ValidationError as error:
                form.add_error("file", error)
            else:
                return redirect(self.url_helper.get_action_url("inspect", answer.pk))
        return no_store(
            TemplateResponse(
                request,
                "loans/admin/answer_upload.html",
                {
                    "form": form,
                    "index_url": self.url_helper.index_url,
                    "header_icon": self.get_menu_icon(),
                },
            )
        )

    def apply_view(self, request, instance_pk):
        return require_POST(self._apply)(request, instance_pk)

    def _apply(self, request, instance_pk):
        if not self.permission_helper.user_can_list(request.user) or not _is_fund_liaison(
            request.user
        ):
            raise PermissionDenied
        answer = get_object_or_404(FundAnswerImport, pk=instance_pk)
        if answer.is_applied:
            messages.info(request, _("This file was applied before; nothing was changed again."))
        else:
            try:
                changed = fund.apply_answer(answer, user=request.user, roles=roles_of(request.user))
            except (PermissionDenied, ValidationError) as error:
                messages.error(request, _error_text(error))
            else:
                messages.success(
                    request,
                    _("The fund's answer was applied: %(count)d applications changed.")
                    % {"count": changed},
                )
        return redirect(self.url_helper.get_action_url("inspect", answer.pk))


# Loan types and terms (welfare staff keep them)


class LoanTypeAdmin(ModelAdmin):
    model = LoanType
    menu_label = gettext_lazy("Loan types")
    menu_icon = "list-ul"
    base_url_path = "loans/types"
    list_display = ("name", "max_amount_column", "windows_column", "is_active", "sort_order")
    list_filter = ("is_active",)
    search_fields = ("name", "name_en", "slug")
    prepopulated_fields = {}

    def max_amount_column(self, obj):
        from cms.templatetags.persian import fa_number

        return fa_number(obj.max_amount)

    max_amount_column.short_description = gettext_lazy("Maximum amount (Rials)")
    max_amount_column.admin_order_field = "max_amount"

    def windows_column(self, obj):
        from cms.templatetags.persian import jdate

        day = timezone.localdate()
        window = obj.open_window(day)
        if window:
            return _("Open until %(day)s") % {"day": jdate(window.last_day, "short")}
        upcoming = obj.next_window(day)
        if upcoming:
            return _("Opens on %(day)s") % {"day": jdate(upcoming.opens_on, "short")}
        return pgettext("application window", "Closed")

    windows_column.short_description = gettext_lazy("Application window")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("windows")


class AcademicTermAdmin(ModelAdmin):
    model = AcademicTerm
    menu_label = gettext_lazy("Academic terms")
    menu_icon = "date"
    base_url_path = "loans/terms"
    list_display = ("title", "year", "half")


# Reports


def user_can_see_reports(user) -> bool:
    return is_loans_staff(user) and user.has_perm("loans.view_loan_reports")


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_see_reports(request.user)


def reports_view(request):
    """Counts and amounts per stage, loan type and term; days spent in each stage."""
    if not user_can_see_reports(request.user):
        raise PermissionDenied
    queryset = LoanApplication.objects.all()
    form = BatchForm(request.GET or None)
    form.fields.pop("note")
    if form.is_valid():
        if form.cleaned_data["loan_type"]:
            queryset = queryset.filter(loan_type=form.cleaned_data["loan_type"])
        if form.cleaned_data["term"]:
            queryset = queryset.filter(term=form.cleaned_data["term"])
    data = metrics.report(queryset)
    for row in data["types"]:
        row["by_stage"] = [row[f"n_{stage}"] for stage in LoanStage.values]
        row["name"] = row["loan_type__name"]
    for row in data["terms"]:
        row["term"] = AcademicTerm(year=row["term__year"], half=row["term__half"])
    end = timezone.now()
    start = end - timezone.timedelta(days=365)
    from . import conf

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
    return TemplateResponse(
        request,
        "loans/admin/reports.html",
        {
            "form": form,
            "report": data,
            "stage_labels": [label for _value, label in LoanStage.choices],
            "days": days,
            "start": start,
            "end": end,
        },
    )


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
        return (
            *super().get_admin_urls_for_registration(),
            path("loans/reports/", reports_view, name="loans_reports"),
        )
