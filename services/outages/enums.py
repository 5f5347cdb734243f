"""States and kinds of outage notices, and the table of allowed timeline moves."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.transitions import Workflow


class NoticeKind(models.TextChoices):
    OUTAGE = "outage", _("Unplanned outage")
    MAINTENANCE = "maintenance", _("Planned maintenance")


class Impact(models.TextChoices):
    """How badly the affected services suffer, from least to most."""

    DEGRADED = "degraded", _("Degraded performance")
    PARTIAL = "partial", _("Partial outage")
    MAJOR = "major", _("Major outage")


# Worse impacts sort higher: the colour of a day is its worst impact.
IMPACT_SEVERITY = {Impact.DEGRADED: 1, Impact.PARTIAL: 2, Impact.MAJOR: 3}


class NoticeState(models.TextChoices):
    # Unplanned outages
    INVESTIGATING = "investigating", _("Investigating")
    IDENTIFIED = "identified", _("Identified")
    MONITORING = "monitoring", _("Monitoring")
    RESOLVED = "resolved", _("Resolved")
    # Planned maintenance
    SCHEDULED = "scheduled", _("Scheduled")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


STATES_BY_KIND = {
    NoticeKind.OUTAGE: (
        NoticeState.INVESTIGATING,
        NoticeState.IDENTIFIED,
        NoticeState.MONITORING,
        NoticeState.RESOLVED,
    ),
    NoticeKind.MAINTENANCE: (
        NoticeState.SCHEDULED,
        NoticeState.IN_PROGRESS,
        NoticeState.COMPLETED,
    ),
}

FINAL_STATES = frozenset({NoticeState.RESOLVED, NoticeState.COMPLETED})

# The timeline's allowed moves: from a state to the states an update may post next.
# Posting the same state again is a progress message ("still investigating"). A final
# state closes the notice: a new fault is a new notice.
TRANSITIONS = {
    NoticeState.INVESTIGATING: (
        NoticeState.INVESTIGATING,
        NoticeState.IDENTIFIED,
        NoticeState.MONITORING,
        NoticeState.RESOLVED,
    ),
    NoticeState.IDENTIFIED: (
        NoticeState.IDENTIFIED,
        NoticeState.INVESTIGATING,
        NoticeState.MONITORING,
        NoticeState.RESOLVED,
    ),
    NoticeState.MONITORING: (
        NoticeState.MONITORING,
        NoticeState.INVESTIGATING,
        NoticeState.IDENTIFIED,
        NoticeState.RESOLVED,
    ),
    NoticeState.RESOLVED: (),
    NoticeState.SCHEDULED: (
        NoticeState.SCHEDULED,
        NoticeState.IN_PROGRESS,
        NoticeState.COMPLETED,
    ),
    NoticeState.IN_PROGRESS: (NoticeState.IN_PROGRESS, NoticeState.COMPLETED),
    NoticeState.COMPLETED: (),
}


def states_for(kind) -> tuple:
    return STATES_BY_KIND.get(kind, ())


def initial_state(kind) -> str:
    return states_for(kind)[0]


# The same table as a workflow: anyone who may post an update may make these moves,
# offered in the table's order (the current state, a progress message, first).
NOTICE_WORKFLOW = Workflow.from_next_states(
    TRANSITIONS, states=NoticeState, state_field="state", sort_targets=False
)


def next_states(state) -> tuple:
    return tuple(NOTICE_WORKFLOW.targets(state))


class ServiceStatus(models.TextChoices):
    """What the status page says about a service right now."""

    OPERATIONAL = "operational", _("Operational")
    MAINTENANCE = "maintenance", _("Under maintenance")
    DEGRADED = "degraded", _("Degraded performance")
    PARTIAL = "partial", _("Partial outage")
    MAJOR = "major", _("Major outage")
