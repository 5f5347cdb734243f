"""States, channels and roles of the service desk, and its ONE table of transitions."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cms.transitions import Transition, Workflow

# Questions of an editor-built form page live beside the fixed fields under this prefix,
# so that a question labelled "name" or "mobile" cannot replace the citizen's own fields.
QUESTION_PREFIX = "q_"


class RequestChannel(models.TextChoices):
    """How the citizen reached the desk (channels 2, 3 and 4 of the SLA statement)."""

    REQUEST = "request", _("Online request")
    LETTER = "letter", _("Online letter")
    COMPLAINT = "complaint", _("Complaint")
    MEETING = "meeting", _("Meeting request")
    FORM = "form", _("Service form")


class RequestStatus(models.TextChoices):
    # A context keeps these labels apart from other apps' "New" or "In progress".
    NEW = "new", pgettext_lazy("request status", "New")
    IN_PROGRESS = "in_progress", pgettext_lazy("request status", "In progress")
    WAITING = "waiting", pgettext_lazy("request status", "Waiting for the citizen")
    # A meeting request whose time the citizen accepted (or staff confirmed).
    SCHEDULED = "scheduled", pgettext_lazy("request status", "Meeting scheduled")
    ANSWERED = "answered", pgettext_lazy("request status", "Answered")
    CLOSED = "closed", pgettext_lazy("request status", "Closed")
    REJECTED = "rejected", pgettext_lazy("request status", "Rejected")
    WITHDRAWN = "withdrawn", pgettext_lazy("request status", "Withdrawn")


class Actor(models.TextChoices):
    """Who moves a request from one status to another."""

    STAFF = "staff", _("Staff")
    CITIZEN = "citizen", _("Citizen")
    SYSTEM = "system", _("System")


class MessageKind(models.TextChoices):
    CITIZEN = "citizen", _("Message from the citizen")
    REPLY = "reply", _("Reply to the citizen")
    NOTE = "note", _("Internal note")


class StaffRole(models.TextChoices):
    EXPERT = "expert", _("Expert")
    MANAGER = "manager", _("Manager")


class MeetingStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, waiting for the citizen")
    ACCEPTED = "accepted", _("Accepted by the citizen")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined by the citizen")
    CANCELLED = "cancelled", _("Cancelled")


class ViewAction(models.TextChoices):
    """What a staff member did when they looked at a request (the view log)."""

    INSPECT = "inspect", _("Opened")
    EDIT = "edit", _("Opened for editing")
    HISTORY = "history", _("Read the history")
    DOWNLOAD = "download", _("Downloaded an attachment")
    EXPORT = "export", _("Exported")


S = RequestStatus

# The clock runs while the request waits for the unit's answer.
AWAITING_ANSWER = frozenset({S.NEW, S.IN_PROGRESS})
# Still open: the citizen can write, withdraw; staff can work on it.
OPEN = frozenset({S.NEW, S.IN_PROGRESS, S.WAITING, S.SCHEDULED})
FINAL = frozenset({S.CLOSED, S.REJECTED, S.WITHDRAWN})
# The citizen may rate the answer in these states.
RATEABLE = frozenset({S.ANSWERED, S.CLOSED})

# The only moves a request can make, and who may make each. Everything that changes a
# status (staff actions, the citizen's follow-up page, the system) asks this table.
REQUEST_WORKFLOW = Workflow(
    [
        Transition(S.NEW, S.IN_PROGRESS, {Actor.STAFF}),
        Transition(S.NEW, S.WAITING, {Actor.STAFF}),
        Transition(S.NEW, S.ANSWERED, {Actor.STAFF}),
        Transition(S.NEW, S.REJECTED, {Actor.STAFF}),
        Transition(S.NEW, S.WITHDRAWN, {Actor.CITIZEN}),
        Transition(S.IN_PROGRESS, S.WAITING, {Actor.STAFF}),
        Transition(S.IN_PROGRESS, S.ANSWERED, {Actor.STAFF}),
        Transition(S.IN_PROGRESS, S.REJECTED, {Actor.STAFF}),
        Transition(S.IN_PROGRESS, S.WITHDRAWN, {Actor.CITIZEN}),
        # The citizen's message ends the wait: the system moves the request on.
        Transition(S.WAITING, S.IN_PROGRESS, {Actor.STAFF, Actor.SYSTEM}),
        Transition(S.WAITING, S.ANSWERED, {Actor.STAFF}),
        Transition(S.WAITING, S.REJECTED, {Actor.STAFF}),
        Transition(S.WAITING, S.WITHDRAWN, {Actor.CITIZEN}),
        # Reopened when the answer turns out incomplete.
        Transition(S.ANSWERED, S.IN_PROGRESS, {Actor.STAFF}),
        Transition(S.ANSWERED, S.CLOSED, {Actor.STAFF, Actor.SYSTEM}),
        # Meetings: an accepted or confirmed time schedules the request (the system, on
        # the citizen's or staff's answer to a proposal); a new proposal takes it back.
        Transition(S.NEW, S.SCHEDULED, {Actor.SYSTEM}),
        Transition(S.IN_PROGRESS, S.SCHEDULED, {Actor.SYSTEM}),
        Transition(S.WAITING, S.SCHEDULED, {Actor.SYSTEM}),
        Transition(S.SCHEDULED, S.IN_PROGRESS, {Actor.STAFF, Actor.SYSTEM}),
        Transition(S.SCHEDULED, S.ANSWERED, {Actor.STAFF}),
        Transition(S.SCHEDULED, S.CLOSED, {Actor.STAFF}),
        Transition(S.SCHEDULED, S.REJECTED, {Actor.STAFF}),
        Transition(S.SCHEDULED, S.WITHDRAWN, {Actor.CITIZEN}),
    ],
    states=RequestStatus,
)
# (status, status) -> Transition (its ``actors``).
TRANSITIONS = REQUEST_WORKFLOW.transitions

# Moves that need a reason the citizen will read.
REASON_REQUIRED = frozenset({S.REJECTED})


def can_transition(current: str, target: str, actor: str) -> bool:
    return REQUEST_WORKFLOW.allows(current, target, actor)


def allowed_targets(current: str, actor: str) -> list[str]:
    """The statuses ``actor`` may move a request in ``current`` to, in the states' order."""
    return REQUEST_WORKFLOW.targets(current, actor)
