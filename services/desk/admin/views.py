"""The screens of one request: the queue, the work screen, the edit form, the history."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from cms.backoffice.paging import DeferredJoinPaginator
from cms.backoffice.views import (
    FencedEditView,
    FencedHistoryView,
    FencedIndexView,
    FencedInspectView,
)
from cms.tracking import isolated_tracking_code
from sla.models import Service

from ..forms import (
    AssignForm,
    BulkActionForm,
    NoteForm,
    ReplyForm,
    TransitionForm,
)
from ..forms.meeting import MeetingProposalForm

WORK_ACTIONS = (
    "reply",
    "note",
    "transition",
    "assign",
    "meeting",
    "resend_code",
    "history",
    "edit",
)


class RequestIndexView(FencedIndexView):
    paginator_class = DeferredJoinPaginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bulk_form"] = BulkActionForm()
        context["bulk_url"] = self.url_helper.get_action_url("bulk")
        return context


class RequestInspectView(FencedInspectView):
    """The work screen: the request, its correspondence, and what staff can do."""

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
                name: self.url_helper.get_action_url(name, obj.pk) for name in WORK_ACTIONS
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
        return isolated_tracking_code(self.instance.tracking_code)


class RequestEditForm(WagtailAdminModelForm):
    """Staff may re-classify a request (its service) and assign it, nothing else."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        unit_id = self.instance.unit_id
        self.fields["service"].queryset = Service.objects.filter(responsible_unit_id=unit_id)
        self.fields["assigned_to"].queryset = (
            self.fields["assigned_to"]
            .queryset.filter(desk_memberships__unit_id=unit_id, is_active=True)
            .distinct()
        )


class RequestEditView(FencedEditView):
    def get_success_url(self):
        return self.url_helper.get_action_url("inspect", self.instance.pk)


class RequestHistoryView(FencedHistoryView):
    """Who changed what and when (django-simple-history), and who looked at it."""

    related_history = (
        (gettext_lazy("Message"), lambda obj: obj.messages.model.history.filter(request_id=obj.pk)),
        (
            gettext_lazy("Attachment"),
            lambda obj: obj.attachments.model.history.filter(request_id=obj.pk),
        ),
        (
            gettext_lazy("Meeting time"),
            lambda obj: obj.meeting_proposals.model.history.filter(request_id=obj.pk),
        ),
    )

    @property
    def object_label(self):
        return _("Request")

    def get_page_subtitle(self):
        return isolated_tracking_code(self.instance.tracking_code)
