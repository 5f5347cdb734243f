"""States of a chat, kinds of message, availability, and the ONE table of moves."""

from django.db import models
from django.utils.translation import pgettext_lazy

from cms.transitions import Transition, Workflow


class ChatState(models.TextChoices):
    # Contexts keep these apart from the desk's and loans' statuses.
    WAITING = "waiting", pgettext_lazy("chat state", "Waiting in the queue")
    ACTIVE = "active", pgettext_lazy("chat state", "In conversation")
    ENDED = "ended", pgettext_lazy("chat state", "Ended")
    ABANDONED = "abandoned", pgettext_lazy("chat state", "Left before an answer")
    CONVERTED = "converted", pgettext_lazy("chat state", "Continued as a request")


class Actor(models.TextChoices):
    """Who moves a chat: the citizen, an official, or the portal itself."""

    CITIZEN = "citizen", pgettext_lazy("chat actor", "Citizen")
    OFFICIAL = "official", pgettext_lazy("chat actor", "Official")
    SYSTEM = "system", pgettext_lazy("chat actor", "System")


class SenderKind(models.TextChoices):
    CITIZEN = "citizen", pgettext_lazy("chat message", "Citizen")
    OFFICIAL = "official", pgettext_lazy("chat message", "Official")
    SYSTEM = "system", pgettext_lazy("chat message", "System notice")
    # Notes are between officials: never sent to, nor shown to, the citizen.
    NOTE = "note", pgettext_lazy("chat message", "Internal note")


class Availability(models.TextChoices):
    AVAILABLE = "available", pgettext_lazy("chat availability", "Available")
    AWAY = "away", pgettext_lazy("chat availability", "Away")


class ViewAction(models.TextChoices):
    """What a staff member did when they looked at a chat (the view log)."""

    OPEN = "open", pgettext_lazy("chat view", "Opened the conversation")
    TRANSCRIPT = "transcript", pgettext_lazy("chat view", "Read the transcript")
    DOWNLOAD = "download", pgettext_lazy("chat view", "Downloaded an attachment")
    EXPORT = "export", pgettext_lazy("chat view", "Exported")


S = ChatState
A = Actor

OPEN = frozenset({S.WAITING, S.ACTIVE})
CLOSED = frozenset({S.ENDED, S.ABANDONED, S.CONVERTED})
# The citizen may rate the conversation once it is over and someone talked to them.
RATEABLE = frozenset({S.ENDED, S.CONVERTED})

CHAT_WORKFLOW = Workflow(
    [
        Transition(S.WAITING, S.ACTIVE, {A.OFFICIAL}),
        # The citizen leaves the queue, or the portal finds them gone.
        Transition(S.WAITING, S.ABANDONED, {A.CITIZEN, A.SYSTEM}),
        # An official closes a waiting chat (e.g. a duplicate); the portal at closing time.
        Transition(S.WAITING, S.ENDED, {A.OFFICIAL, A.SYSTEM}),
        # Nobody could answer in time: the citizen or an official leaves it as a request.
        Transition(S.WAITING, S.CONVERTED, {A.CITIZEN, A.OFFICIAL}),
        # Transferred to another unit: back into that unit's queue.
        Transition(S.ACTIVE, S.WAITING, {A.OFFICIAL}),
        Transition(S.ACTIVE, S.ENDED, {A.CITIZEN, A.OFFICIAL, A.SYSTEM}),
        Transition(S.ACTIVE, S.CONVERTED, {A.OFFICIAL}),
        # The official needs time after the conversation ended.
        Transition(S.ENDED, S.CONVERTED, {A.OFFICIAL}),
    ],
    states=ChatState,
    state_field="state",
)
