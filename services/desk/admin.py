"""The staff's back office in the Wagtail admin (wagtail-modeladmin).

The fence: a staff member sees only the requests of the units they belong to
(:class:`~services.desk.models.DeskStaff`); superusers see all. Every route goes through
:meth:`ServiceRequestAdmin.get_queryset` — the list, search, filters and export through
modeladmin's index view, and every route about one request (inspect, edit, history,
delete, the work actions, downloads, bulk actions) through
:meth:`ServiceRequestAdmin.get_fenced_object`, which answers 404 for a request behind
the fence, exactly as for one that does not exist.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.admin import RelatedOnlyFieldListFilter, SimpleListFilter
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, re_path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail_modeladmin.helpers import ButtonHelper, DjangoORMSearchHandler, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup
from wagtail_modeladmin.views import EditView, IndexView, InspectView, InstanceSpecificView

from cms.text import normalize_identifier, normalize_search_query
from cms.tracking import format_tracking_code
from cms.uploads import attachment_response

from . import workflow
from .enums import Actor, RequestStatus, ViewAction
from .forms import (
    AssignForm,
    BulkActionForm,
    MeetingProposalForm,
    NoteForm,
    ReplyForm,
    TransitionForm,
)
from .models import DeskStaff, RequestViewLog, ServiceRequest

# The fence


def desk_unit_ids(user) -> set[int]:
    """The units whose queues ``user`` works (cached on the user for one request)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_desk_unit_ids", None)
    if cached is None:
        cached = set(DeskStaff.objects.filter(user=user).values_list("unit_id", flat=True))
        user._desk_unit_ids = cached
    return cached


def can_see(user, service_request) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or service_request.unit_id in desk_unit_ids(user)


class RequestPermissionHelper(PermissionHelper):
    """Model permissions (view/change) AND membership of the request's unit."""

    def is_desk_user(self, user):
        return user.is_active and (user.is_superuser or bool(desk_unit_ids(user)))

    def user_can_list(self, user):
        return self.is_desk_user(user) and (
            self.user_has_specific_permission(user, "view_servicerequest")
            or self.user_has_specific_permission(user, "change_servicerequest")
        )

    def user_can_create(self, user):
        # Requests come from citizens, never typed in by staff.
        return False

    def user_can_inspect_obj(self, user, obj):
        return self.user_can_list(user) and can_see(user, obj)

    def user_can_work_on(self, user, obj):
        return (
            self.user_has_specific_permission(user, "change_servicerequest")
            and self.is_desk_user(user)
            and can_see(user, obj)
        )

    def user_can_edit_obj(self, user, obj):
        return self.user_can_work_on(user, obj) and not obj.is_final

    def user_can_delete_obj(self, user, obj):
        # Nothing a citizen sent is ever deleted from the admin.
        return False


class RequestButtonHelper(ButtonHelper):
    def inspect_button(self, pk, classnames_add=None, classnames_exclude=None):
        button = super().inspect_button(pk, classnames_add, classnames_exclude)
        button["label"] = _("Handle")
        return button

    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if "history" not in (exclude or []) and self.permission_helper.user_can_inspect_obj(
            self.request.user, obj
        ):
            buttons.append(
                {
                    "url": self.url_helper.get_action_url("history", obj.pk),
                    "label": _("History"),
                    "classname": self.finalise_classname(
                        ["button-secondary", *(classnames_add or [])], classnames_exclude
                    ),
                    "title": _("History of this request"),
                }
            )
        return buttons


class RequestSearchHandler(DjangoORMSearchHandler):
    """Finds a request by its code however it is typed (Persian digits, dashes), or by
    name or subject (Arabic ي/ك as Persian)."""

    def search_queryset(self, queryset, search_term, **kwargs):
        if not search_term:
            return queryset
        code = normalize_identifier(search_term)
        if code.isdigit() and len(code) >= 4:
            return queryset.filter(tracking_code__contains=code)
        for word in normalize_search_query(search_term).split():
            queryset = queryset.filter(
                Q(tracking_code__contains=word)
                | Q(name__icontains=word)
                | Q(subject__icontains=word)
            )
        return queryset


class OverdueFilter(SimpleListFilter):
    title = gettext_lazy("deadline")
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [
            ("overdue", gettext_lazy("Overdue")),
            ("due_soon", gettext_lazy("Due within a day")),
            ("on_time", gettext_lazy("On time")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "overdue":
            return queryset.overdue(now)
        if self.value() == "due_soon":
            return queryset.awaiting_answer().filter(
                due_at__gte=now, due_at__lt=now + timezone.timedelta(days=1)
            )
        if self.value() == "on_time":
            return queryset.exclude(pk__in=queryset.overdue(now).values("pk"))
        return queryset


# Views


def _csv_safe(value):
    """Cells a spreadsheet would run as a formula (=, +, -, @...) are made plain text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class RequestIndexView(IndexView):
    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: _csv_safe(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # Exports carry personal data: every exported request is logged.
        rows = list(queryset)
        RequestViewLog.objects.bulk_create(
            RequestViewLog(request=row, user=self.request.user, action=ViewAction.EXPORT)
            for row in rows
        )
        response = super().as_spreadsheet(rows, spreadsheet_format)
        response["Cache-Control"] = "no-store, private"
        return response

    def get_heading(self, queryset, field):
        heading = self.export_headings.get(field) or self.model_admin.export_headings.get(field)
        if heading:
            return str(heading)
        return super().get_heading(queryset, field)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bulk_form"] = BulkActionForm()
        context["bulk_url"] = self.url_helper.get_action_url("bulk")
        return context


class RequestInspectView(InspectView):
    """The work screen: the request, its correspondence, and what staff can do."""

    def get(self, request, *args, **kwargs):
        RequestViewLog.record(self.instance, request.user, ViewAction.INSPECT)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        obj = self.instance
        user = self.request.user
        can_work = self.permission_helper.user_can_work_on(user, obj)
        context = {
            "service_request": obj,
            "can_work": can_work,
            "messages_list": obj.messages.select_related("author").prefetch_related("attachments"),
            "request_attachments": obj.attachments.filter(message__isnull=True),
            "timeline": obj.status_changes.select_related("user"),
            "proposals": obj.meeting_proposals.order_by("-created_at"),
            "action_urls": {
                name: self.url_helper.get_action_url(name, obj.pk)
                for name in ("reply", "note", "transition", "assign", "meeting", "history", "edit")
            },
        }
        if can_work:
            context.update(
                reply_form=kwargs.pop("reply_form", None) or ReplyForm(request_obj=obj),
                note_form=kwargs.pop("note_form", None) or NoteForm(),
                transition_form=kwargs.pop("transition_form", None)
                or TransitionForm(request_obj=obj),
                assign_form=kwargs.pop("assign_form", None)
                or AssignForm(request_obj=obj, initial={"assignee": obj.assigned_to_id}),
                meeting_form=kwargs.pop("meeting_form", None)
                or MeetingProposalForm(request_obj=obj),
            )
        context.update(kwargs)
        return super().get_context_data(**context)

    def get_page_title(self):
        return self.instance.get_channel_display()

    def get_page_subtitle(self):
        return format_tracking_code(self.instance.tracking_code)


class RequestEditForm(WagtailAdminModelForm):
    """Staff may re-classify a request (its service) and assign it, nothing else."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from sla.models import Service

        unit_id = self.instance.unit_id
        self.fields["service"].queryset = Service.objects.filter(responsible_unit_id=unit_id)
        self.fields["assigned_to"].queryset = (
            self.fields["assigned_to"]
            .queryset.filter(desk_memberships__unit_id=unit_id, is_active=True)
            .distinct()
        )


class RequestEditView(EditView):
    def get(self, request, *args, **kwargs):
        RequestViewLog.record(self.instance, request.user, ViewAction.EDIT)
        return super().get(request, *args, **kwargs)

    def get_success_url(self):
        return self.url_helper.get_action_url("inspect", self.instance.pk)


class RequestHistoryView(InstanceSpecificView):
    """Who changed what and when (django-simple-history), and who looked at it."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_inspect_obj(user, self.instance)

    def get_template_names(self):
        return self.model_admin.get_history_template()

    def get_page_title(self):
        return _("History")

    def get_page_subtitle(self):
        return format_tracking_code(self.instance.tracking_code)

    def get(self, request, *args, **kwargs):
        RequestViewLog.record(self.instance, request.user, ViewAction.HISTORY)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        obj = self.instance
        entries = []
        records = list(obj.history.select_related("history_user").order_by("history_date"))
        previous = None
        for record in records:
            changes = []
            if previous is not None:
                delta = record.diff_against(previous)
                for change in delta.changes:
                    field = ServiceRequest._meta.get_field(change.field)
                    changes.append(
                        {
                            "field": field.verbose_name,
                            "old": _display(obj, field, change.old),
                            "new": _display(obj, field, change.new),
                        }
                    )
            entries.append(
                {
                    "at": record.history_date,
                    "user": record.history_user,
                    "what": _("Created") if record.history_type == "+" else _("Changed"),
                    "object": _("Request"),
                    "changes": changes,
                }
            )
            previous = record
        for related, label in (
            (obj.messages.model.history.filter(request_id=obj.pk), _("Message")),
            (obj.attachments.model.history.filter(request_id=obj.pk), _("Attachment")),
            (obj.meeting_proposals.model.history.filter(request_id=obj.pk), _("Meeting time")),
        ):
            for record in related.select_related("history_user"):
                entries.append(
                    {
                        "at": record.history_date,
                        "user": record.history_user,
                        "what": {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}[
                            record.history_type
                        ],
                        "object": label,
                        "changes": [{"field": "", "old": "", "new": str(record.instance)}],
                    }
                )
        entries.sort(key=lambda entry: entry["at"], reverse=True)
        context = {
            "entries": entries,
            "views": obj.view_logs.select_related("user")[:200],
            "inspect_url": self.url_helper.get_action_url("inspect", obj.pk),
        }
        context.update(kwargs)
        return super().get_context_data(**context)


def _display(obj, field, value):
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


# The ModelAdmins


class ServiceRequestAdmin(ModelAdmin):
    model = ServiceRequest
    menu_label = gettext_lazy("Requests")
    menu_icon = "mail"
    base_url_path = "desk/requests"
    permission_helper_class = RequestPermissionHelper
    button_helper_class = RequestButtonHelper
    search_handler_class = RequestSearchHandler
    index_view_class = RequestIndexView
    inspect_view_class = RequestInspectView
    edit_view_class = RequestEditView
    history_view_class = RequestHistoryView
    inspect_view_enabled = True
    list_per_page = 50
    list_display = (
        "select_column",
        "code_column",
        "subject",
        "name",
        "channel",
        "status_column",
        "unit",
        "due_column",
        "assigned_to",
    )
    list_display_add_buttons = "code_column"
    list_filter = (
        "status",
        "channel",
        ("service", RelatedOnlyFieldListFilter),
        OverdueFilter,
        ("unit", RelatedOnlyFieldListFilter),
    )
    search_fields = ("tracking_code", "name", "subject")
    list_select_related = ("unit", "service", "assigned_to")
    list_export = (
        "formatted_code",
        "submitted_at",
        "get_channel_display",
        "get_status_display",
        "unit",
        "service",
        "subject",
        "name",
        "mobile",
        "email",
        "due_at",
        "answered_at",
        "rating",
    )
    export_headings = {
        "formatted_code": gettext_lazy("Tracking code"),
        "get_channel_display": gettext_lazy("Channel"),
        "get_status_display": gettext_lazy("Status"),
    }
    export_filename = "desk-requests"
    edit_handler = ObjectList(
        [
            FieldPanel("service", widget=forms.Select),
            FieldPanel("assigned_to", widget=forms.Select),
        ],
        base_form_class=RequestEditForm,
    )

    def get_queryset(self, request):
        return (
            ServiceRequest.objects.visible_to(request.user)
            .select_related("unit", "service", "assigned_to")
            .order_by("-submitted_at")
        )

    def get_fenced_object(self, request, instance_pk) -> ServiceRequest:
        """The request, if ``request.user`` may see it; 404 otherwise (as if absent)."""
        try:
            pk = int(instance_pk)
        except (TypeError, ValueError) as error:
            raise Http404 from error
        return get_object_or_404(self.get_queryset(request), pk=pk)

    def get_extra_attrs_for_row(self, obj, context):
        return {"class": "desk-overdue"} if obj.is_overdue else {}

    # Columns

    @staticmethod
    def _code(obj):
        return format_tracking_code(obj.tracking_code)

    def code_column(self, obj):
        return format_html('<span dir="ltr" class="desk-code">{}</span>', self._code(obj))

    code_column.short_description = gettext_lazy("Tracking code")
    code_column.admin_order_field = "tracking_code"

    def status_column(self, obj):
        return format_html(
            '<span class="desk-status desk-status--{}">{}</span>',
            obj.status,
            obj.get_status_display(),
        )

    status_column.short_description = gettext_lazy("Status")
    status_column.admin_order_field = "status"

    def due_column(self, obj):
        from cms.templatetags.persian import jdatetime

        if not obj.due_at:
            return "—"
        if obj.is_overdue:
            return format_html(
                '<strong class="desk-overdue-label">{} ({})</strong>',
                jdatetime(obj.due_at, "short"),
                _("overdue"),
            )
        return jdatetime(obj.due_at, "short")

    due_column.short_description = gettext_lazy("Due")
    due_column.admin_order_field = "due_at"

    def select_column(self, obj):
        return format_html(
            '<input type="checkbox" name="ids" value="{}" form="desk-bulk" aria-label="{}">',
            obj.pk,
            _("Select %(code)s") % {"code": self._code(obj)},
        )

    select_column.short_description = gettext_lazy("Select")

    # Every view about one request passes the fence first.

    def inspect_view(self, request, instance_pk):
        self.get_fenced_object(request, instance_pk)
        return super().inspect_view(request, instance_pk)

    def edit_view(self, request, instance_pk):
        self.get_fenced_object(request, instance_pk)
        return super().edit_view(request, instance_pk)

    def history_view(self, request, instance_pk):
        self.get_fenced_object(request, instance_pk)
        return super().history_view(request, instance_pk)

    def delete_view(self, request, instance_pk):
        self.get_fenced_object(request, instance_pk)
        return super().delete_view(request, instance_pk)

    def get_admin_urls_for_registration(self):
        base = self.url_helper.base_url_path
        name = self.url_helper.get_action_url_name
        return (
            *super().get_admin_urls_for_registration(),
            re_path(rf"^{base}/reply/(?P<instance_pk>\d+)/$", self.reply_view, name=name("reply")),
            re_path(rf"^{base}/note/(?P<instance_pk>\d+)/$", self.note_view, name=name("note")),
            re_path(
                rf"^{base}/transition/(?P<instance_pk>\d+)/$",
                self.transition_view,
                name=name("transition"),
            ),
            re_path(
                rf"^{base}/assign/(?P<instance_pk>\d+)/$", self.assign_view, name=name("assign")
            ),
            re_path(
                rf"^{base}/meeting/(?P<instance_pk>\d+)/$",
                self.meeting_view,
                name=name("meeting"),
            ),
            path(
                f"{base}/download/<int:instance_pk>/<int:attachment_pk>/",
                self.download_view,
                name=name("download"),
            ),
            path(f"{base}/bulk/", self.bulk_view, name=name("bulk")),
        )

    # The work actions: POST only, fenced, then back to the work screen.

    def _work_object(self, request, instance_pk):
        obj = self.get_fenced_object(request, instance_pk)
        if not self.permission_helper.user_can_work_on(request.user, obj):
            raise PermissionDenied
        return obj

    def _back(self, obj):
        return redirect(self.url_helper.get_action_url("inspect", obj.pk))

    def _invalid(self, request, obj, **forms_):
        messages.error(request, _("Please correct the errors below."))
        view = self.inspect_view_class(model_admin=self, instance_pk=str(obj.pk))
        view.setup(request)
        view.button_helper = self.get_button_helper_class()(view, request)
        return view.render_to_response(view.get_context_data(**forms_))

    def reply_view(self, request, instance_pk):
        return require_POST(self._reply)(request, instance_pk)

    def _reply(self, request, instance_pk):
        obj = self._work_object(request, instance_pk)
        form = ReplyForm(request.POST, request.FILES, request_obj=obj)
        if not form.is_valid():
            return self._invalid(request, obj, reply_form=form)
        try:
            workflow.reply(
                obj,
                user=request.user,
                body=form.cleaned_data["body"],
                attachments=form.cleaned_data["attachments"],
                then=form.cleaned_data["then"],
            )
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("The reply was sent to the citizen."))
        return self._back(obj)

    def note_view(self, request, instance_pk):
        return require_POST(self._note)(request, instance_pk)

    def _note(self, request, instance_pk):
        obj = self._work_object(request, instance_pk)
        form = NoteForm(request.POST)
        if not form.is_valid():
            return self._invalid(request, obj, note_form=form)
        workflow.add_note(obj, user=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("The note was added."))
        return self._back(obj)

    def transition_view(self, request, instance_pk):
        return require_POST(self._transition)(request, instance_pk)

    def _transition(self, request, instance_pk):
        obj = self._work_object(request, instance_pk)
        form = TransitionForm(request.POST, request_obj=obj)
        if not form.is_valid():
            return self._invalid(request, obj, transition_form=form)
        try:
            workflow.change_status(
                obj,
                form.cleaned_data["to_status"],
                actor=Actor.STAFF,
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(
                request,
                _("The request is now “%(status)s”.") % {"status": obj.get_status_display()},
            )
        return self._back(obj)

    def assign_view(self, request, instance_pk):
        return require_POST(self._assign)(request, instance_pk)

    def _assign(self, request, instance_pk):
        obj = self._work_object(request, instance_pk)
        form = AssignForm(request.POST, request_obj=obj)
        if not form.is_valid():
            return self._invalid(request, obj, assign_form=form)
        workflow.assign(obj, assignee=form.cleaned_data["assignee"], user=request.user)
        messages.success(request, _("The assignment was saved."))
        return self._back(obj)

    def meeting_view(self, request, instance_pk):
        return require_POST(self._meeting)(request, instance_pk)

    def _meeting(self, request, instance_pk):
        obj = self._work_object(request, instance_pk)
        form = MeetingProposalForm(request.POST, request_obj=obj)
        if not form.is_valid():
            return self._invalid(request, obj, meeting_form=form)
        try:
            workflow.propose_meeting(
                obj,
                user=request.user,
                starts_at=form.cleaned_data["starts_at"],
                official_name=form.cleaned_data["official_name"],
                location=form.cleaned_data["location"],
                note=form.cleaned_data["note"],
                confirmed=form.cleaned_data["confirmed"],
            )
        except PermissionDenied as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The meeting time was sent to the citizen."))
        return self._back(obj)

    def download_view(self, request, instance_pk, attachment_pk):
        obj = self.get_fenced_object(request, instance_pk)
        if not self.permission_helper.user_can_inspect_obj(request.user, obj):
            raise PermissionDenied
        attachment = get_object_or_404(obj.attachments, pk=attachment_pk)
        RequestViewLog.record(obj, request.user, ViewAction.DOWNLOAD, attachment=attachment)
        return attachment_response(
            attachment.file, attachment.download_name, attachment.content_type
        )

    def bulk_view(self, request):
        return require_POST(self._bulk)(request)

    def _bulk(self, request):
        if not self.permission_helper.user_can_list(request.user):
            raise PermissionDenied
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = ""
        back = back or self.url_helper.index_url
        form = BulkActionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose an action and at least one request."))
            return redirect(back)
        # Only what the fence lets through; other ids are ignored as if absent.
        targets = [
            obj
            for obj in self.get_queryset(request).filter(pk__in=form.cleaned_data["ids"])
            if self.permission_helper.user_can_work_on(request.user, obj)
        ]
        action, done = form.cleaned_data["action"], 0
        for obj in targets:
            try:
                if action == "assign_me":
                    workflow.assign(obj, assignee=request.user, user=request.user)
                elif action == "in_progress":
                    workflow.change_status(
                        obj, RequestStatus.IN_PROGRESS, actor=Actor.STAFF, user=request.user
                    )
                elif action == "close":
                    workflow.change_status(
                        obj, RequestStatus.CLOSED, actor=Actor.STAFF, user=request.user
                    )
            except (PermissionDenied, ValidationError):
                continue
            done += 1
        skipped = len(form.cleaned_data["ids"]) - done
        messages.success(
            request,
            _("%(done)d requests updated, %(skipped)d skipped.")
            % {"done": done, "skipped": skipped},
        )
        return redirect(back)


class DeskStaffPermissionHelper(PermissionHelper):
    def user_can_list(self, user):
        return user.is_superuser or self.user_has_specific_permission(user, "view_deskstaff")


class DeskStaffAdmin(ModelAdmin):
    model = DeskStaff
    menu_label = gettext_lazy("Staff of the units")
    menu_icon = "group"
    base_url_path = "desk/staff"
    permission_helper_class = DeskStaffPermissionHelper
    list_display = ("user", "unit", "role", "created_at")
    list_filter = ("role", ("unit", RelatedOnlyFieldListFilter))
    search_fields = ("user__username", "user__first_name", "user__last_name", "unit__title")
    list_select_related = ("user", "unit")
    panels = [
        FieldPanel("user", widget=forms.Select),
        FieldPanel("unit", widget=forms.Select),
        FieldPanel("role"),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("user", "unit")
        if request.user.is_superuser:
            return queryset
        return queryset.filter(unit_id__in=desk_unit_ids(request.user))

    def _fenced(self, request, instance_pk):
        get_object_or_404(self.get_queryset(request), pk=instance_pk)

    def edit_view(self, request, instance_pk):
        self._fenced(request, instance_pk)
        return super().edit_view(request, instance_pk)

    def delete_view(self, request, instance_pk):
        self._fenced(request, instance_pk)
        return super().delete_view(request, instance_pk)

    def history_view(self, request, instance_pk):
        self._fenced(request, instance_pk)
        return super().history_view(request, instance_pk)


class ViewLogPermissionHelper(PermissionHelper):
    """The view log is read by superusers (auditors), and by nobody's edit."""

    def user_can_list(self, user):
        return user.is_superuser

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class RequestViewLogAdmin(ModelAdmin):
    model = RequestViewLog
    menu_label = gettext_lazy("Who viewed what")
    menu_icon = "view"
    base_url_path = "desk/views"
    permission_helper_class = ViewLogPermissionHelper
    list_display = ("at", "user", "action", "request")
    list_filter = ("action",)
    search_fields = ("request__tracking_code", "user__username")
    list_select_related = ("user", "request")
    history_view_enabled = False

    def edit_view(self, request, instance_pk):
        raise PermissionDenied

    def delete_view(self, request, instance_pk):
        raise PermissionDenied

    def create_view(self, request):
        raise PermissionDenied


class DeskAdminGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Service desk")
    menu_icon = "help"
    menu_order = 250
    items = (ServiceRequestAdmin, DeskStaffAdmin, RequestViewLogAdmin)


def admin_inspect_url(service_request) -> str:
    return reverse("desk_requests_modeladmin_inspect", args=[service_request.pk])
