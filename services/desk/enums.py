"""States, channels and roles of the service desk, and its ONE table of transitions."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (S.NEW, S.IN_PROGRESS): frozenset({Actor.STAFF}),
    (S.NEW, S.WAITING): frozenset({Actor.STAFF}),
    (S.NEW, S.ANSWERED): frozenset({Actor.STAFF}),
    (S.NEW, S.REJECTED): frozenset({Actor.STAFF}),
    (S.NEW, S.WITHDRAWN): frozenset({Actor.CITIZEN}),
    (S.IN_PROGRESS, S.WAITING): frozenset({Actor.STAFF}),
    (S.IN_PROGRESS, S.ANSWERED): frozenset({Actor.STAFF}),
    (S.IN_PROGRESS, S.REJECTED): frozenset({Actor.STAFF}),
    (S.IN_PROGRESS, S.WITHDRAWN): frozenset({Actor.CITIZEN}),
    # The citizen's message ends the wait: the system moves the request on.
    (S.WAITING, S.IN_PROGRESS): frozenset({Actor.STAFF, Actor.SYSTEM}),
    (S.WAITING, S.ANSWERED): frozenset({Actor.STAFF}),
    (S.WAITING, S.REJECTED): frozenset({Actor.STAFF}),
    (S.WAITING, S.WITHDRAWN): frozenset({Actor.CITIZEN}),
    # Reopened when the answer turns out incomplete.
    (S.ANSWERED, S.IN_PROGRESS): frozenset({Actor.STAFF}),
    (S.ANSWERED, S.CLOSED): frozenset({Actor.STAFF, Actor.SYSTEM}),
    # Meetings: an accepted or confirmed time schedules the request (the system, on the
    # citizen's or staff's answer to a proposal); a new proposal takes it back to work.
    (S.NEW, S.SCHEDULED): frozenset({Actor.SYSTEM}),
    (S.IN_PROGRESS, S.SCHEDULED): frozenset({Actor.SYSTEM}),
    (S.WAITING, S.SCHEDULED): frozenset({Actor.SYSTEM}),
    (S.SCHEDULED, S.IN_PROGRESS): frozenset({Actor.STAFF, Actor.SYSTEM}),
    (S.SCHEDULED, S.ANSWERED): frozenset({Actor.STAFF}),
    (S.SCHEDULED, S.CLOSED): frozenset({Actor.STAFF}),
    (S.SCHEDULED, S.REJECTED): frozenset({Actor.STAFF}),
    (S.SCHEDULED, S.WITHDRAWN): frozenset({Actor.CITIZEN}),
}

# Moves that need a reason the citizen will read.
REASON_REQUIRED = frozenset({S.REJECTED})


def can_transition(current: str, target: str, actor: str) -> bool:
    return actor in TRANSITIONS.get((current, target), frozenset())


def allowed_targets(current: str, actor: str) -> list[str]:
    """The statuses ``actor`` may move a request in ``current`` to, in the states' order."""
    return [status for status in RequestStatus.values if can_transition(current, status, actor)]
