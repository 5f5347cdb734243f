"""The work actions on requests, as view classes: POST only, fenced (another unit's
request is a 404), permitted (403), then back to the work screen."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from cms.backoffice.actions import ActionView, ObjectActionView
from cms.ratelimit import destination_allowed, hit
from cms.uploads import attachment_response

from .. import meetings, notify, workflow
from ..enums import Actor, RequestStatus, ViewAction
from ..forms import (
    AssignForm,
    BulkActionForm,
    NoteForm,
    ReplyForm,
    TransitionForm,
)
from ..forms.meeting import MeetingProposalForm


def _error_text(error) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


class WorkView(ObjectActionView):
    """An action that changes a request: needs the change permission and its unit."""

    form_class = None
    form_name = ""

    def is_permitted_on(self, user, obj):
        return self.permission_helper.user_can_work_on(user, obj)

    def get_form(self):
        return self.form_class(self.request.POST, request_obj=self.object)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not form.is_valid():
            messages.error(request, _("Please correct the errors below."))
            return self.render_inspect(**{self.form_name: form})
        self.act(form.cleaned_data)
        return self.back()

    def act(self, data):
        raise NotImplementedError


class ReplyView(WorkView):
    name = "reply"
    route = "reply/<int:instance_pk>/"
    form_name = "reply_form"

    def get_form(self):
        return ReplyForm(self.request.POST, self.request.FILES, request_obj=self.object)

    def act(self, data):
        try:
            workflow.reply(
                self.object,
                user=self.request.user,
                body=data["body"],
                attachments=data["attachments"],
                then=data["then"],
            )
        except (PermissionDenied, ValidationError) as error:
            messages.error(self.request, _error_text(error))
        else:
            messages.success(self.request, _("The reply was sent to the citizen."))


class NoteView(WorkView):
    name = "note"
    route = "note/<int:instance_pk>/"
    form_name = "note_form"

    def get_form(self):
        return NoteForm(self.request.POST)

    def act(self, data):
        workflow.add_note(self.object, user=self.request.user, body=data["body"])
        messages.success(self.request, _("The note was added."))


class TransitionView(WorkView):
    name = "transition"
    route = "transition/<int:instance_pk>/"
    form_class = TransitionForm
    form_name = "transition_form"

    def act(self, data):
        try:
            workflow.change_status(
                self.object,
                data["to_status"],
                actor=Actor.STAFF,
                user=self.request.user,
                reason=data["reason"],
            )
        except (PermissionDenied, ValidationError) as error:
            messages.error(self.request, _error_text(error))
        else:
            messages.success(
                self.request,
                _("The request is now “%(status)s”.")
                % {"status": self.object.get_status_display()},
            )


class AssignView(WorkView):
    name = "assign"
    route = "assign/<int:instance_pk>/"
    form_class = AssignForm
    form_name = "assign_form"

    def act(self, data):
        workflow.assign(self.object, assignee=data["assignee"], user=self.request.user)
        messages.success(self.request, _("The assignment was saved."))


class MeetingView(WorkView):
    name = "meeting"
    route = "meeting/<int:instance_pk>/"
    form_class = MeetingProposalForm
    form_name = "meeting_form"

    def act(self, data):
        try:
            meetings.propose_meeting(
                self.object,
                user=self.request.user,
                starts_at=data["starts_at"],
                official_name=data["official_name"],
                location=data["location"],
                note=data["note"],
                confirmed=data["confirmed"],
            )
        except (PermissionDenied, ValidationError) as error:
            messages.error(self.request, _error_text(error))
        else:
            messages.success(self.request, _("The meeting time was sent to the citizen."))


class ResendCodeView(ObjectActionView):
    """Texts the request's tracking code again, to the mobile number it was sent with
    (never another): a few times an hour per request and per number; noted in the
    request's history."""

    name = "resend_code"
    route = "resend-code/<int:instance_pk>/"
    limit = (3, 3600)

    def is_permitted_on(self, user, obj):
        return self.permission_helper.user_can_work_on(user, obj)

    def post(self, request, instance_pk):
        obj = self.object
        count, period = self.limit
        if not hit(request, f"desk-resend-{obj.pk}", count, period) or not (
            destination_allowed("sms", obj.mobile)
        ):
            messages.error(
                request, _("The code was sent to this number several times lately; try later.")
            )
            return self.back()
        if not notify.tracking_code_resent(obj):
            messages.error(request, _("The text message could not be sent; try again later."))
            return self.back()
        workflow.add_note(
            obj,
            user=request.user,
            body=_("The tracking code was sent again by text message to the request's mobile."),
        )
        messages.success(request, _("The tracking code was sent to the citizen's mobile."))
        return self.back()


class DownloadView(ObjectActionView):
    """An attachment of a request the user may open; every download is logged."""

    name = "download"
    route = "download/<int:instance_pk>/<int:attachment_pk>/"
    http_method_names = ["get", "head"]

    def get(self, request, instance_pk, attachment_pk):
        attachment = get_object_or_404(self.object.attachments, pk=attachment_pk)
        self.model_admin.record_views(
            [self.object], request.user, ViewAction.DOWNLOAD, attachment=attachment
        )
        return attachment_response(
            attachment.file, attachment.download_name, attachment.content_type
        )


class BulkView(ActionView):
    """One action on the chosen requests; ids behind the fence are ignored as absent."""

    name = "bulk"
    route = "bulk/"

    def post(self, request):
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = ""
        back = back or self.url_helper.index_url
        form = BulkActionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose an action and at least one request."))
            return redirect(back)
        ids = form.cleaned_data["ids"]
        targets = [
            obj
            for obj in self.model_admin.get_queryset(request).filter(pk__in=ids)
            if self.permission_helper.user_can_work_on(request.user, obj)
        ]
        done = sum(self.apply(form.cleaned_data["action"], obj) for obj in targets)
        messages.success(
            request,
            _("%(done)d requests updated, %(skipped)d skipped.")
            % {"done": done, "skipped": len(ids) - done},
        )
        return redirect(back)

    def apply(self, action, obj) -> bool:
        user = self.request.user
        try:
            if action == "assign_me":
                workflow.assign(obj, assignee=user, user=user)
            elif action == "in_progress":
                workflow.change_status(obj, RequestStatus.IN_PROGRESS, actor=Actor.STAFF, user=user)
            elif action == "close":
                workflow.change_status(obj, RequestStatus.CLOSED, actor=Actor.STAFF, user=user)
        except (PermissionDenied, ValidationError):
            return False
        return True


WORK_ACTION_VIEWS = (
    ReplyView,
    NoteView,
    TransitionView,
    AssignView,
    MeetingView,
    ResendCodeView,
    DownloadView,
    BulkView,
)
