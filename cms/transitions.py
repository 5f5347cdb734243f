"""State machines of the plugins: one table shape, one history shape.

A thing that moves through states (a request, an application, a meeting proposal, a
notice) has a :class:`Workflow`: the table of the only moves it can make and who may make
each. Everything that changes the state asks the table; a move that is not in it is
refused with :class:`TransitionNotAllowed` (a ``PermissionDenied``: a 403, never a 500),
whose text says, in the reader's language, from what to what the move was refused.
Every move made is one row of a :class:`TransitionRecord` subclass: what moved, from
which state to which, who (the actor: citizen, staff, system or a role; the user when
staff), when, and a note. ::

    class ProposalStatus(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    PROPOSALS = Workflow(
        [
            Transition(ProposalStatus.PROPOSED, ProposalStatus.ACCEPTED, {"citizen"}),
            Transition(ProposalStatus.PROPOSED, ProposalStatus.DECLINED, {"citizen"}),
        ],
        states=ProposalStatus,
    )

    class ProposalChange(TransitionRecord):
        subject_field = "proposal"
        proposal = models.ForeignKey(MeetingProposal, on_delete=models.CASCADE)

    PROPOSALS.move(proposal, ProposalStatus.ACCEPTED, actor="citizen", record=ProposalChange)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class TransitionNotAllowed(PermissionDenied):
    """The move is not in the table, or the actor may not make it."""


@dataclass(frozen=True)
class Transition:
    """One allowed move from ``source`` to ``target``.

    ``actors`` may make it (empty: anyone who may change the thing at all); ``needs``
    names what the move must record (``"note"``, a document number...), for the caller to
    check. A plugin that needs more per move subclasses it (a frozen dataclass)."""

    source: str
    target: str
    actors: frozenset = field(default_factory=frozenset)
    needs: frozenset = field(default_factory=frozenset)

    def __post_init__(self):
        object.__setattr__(self, "source", str(self.source))
        object.__setattr__(self, "target", str(self.target))
        object.__setattr__(self, "actors", frozenset(str(actor) for actor in self.actors))
        object.__setattr__(self, "needs", frozenset(self.needs))

    def allows(self, actor=None) -> bool:
        """Whether ``actor`` (one actor, or the set of roles someone holds) may make it."""
        if not self.actors:
            return True
        return bool(self.actors & _as_set(actor))


def _as_set(actor) -> frozenset:
    if actor is None:
        return frozenset()
    if isinstance(actor, str):
        return frozenset({str(actor)})
    return frozenset(str(one) for one in actor)


class Workflow:
    """The table of allowed moves between the values of one state field.

    ``states`` (a ``TextChoices``) gives the order of :meth:`targets` and the labels in
    refusals; ``state_field`` names the model field :meth:`move` changes."""

    def __init__(
        self,
        transitions: Iterable[Transition],
        *,
        states: type[models.TextChoices] | None = None,
        state_field: str = "status",
    ):
        self.transitions: dict[tuple[str, str], Transition] = {}
        for transition in transitions:
            key = (transition.source, transition.target)
            if key in self.transitions:
                raise ValueError(f"The move {key} is in the table twice.")
            self.transitions[key] = transition
        self.states = states
        self.state_field = state_field
        if states is not None:
            known = set(states.values)
            for source, target in self.transitions:
                if source not in known or target not in known:
                    raise ValueError(f"The move {(source, target)} names an unknown state.")

    @classmethod
    def from_next_states(
        cls, table: Mapping[str, Iterable[str]], *, actors: Iterable[str] = (), **options
    ) -> Workflow:
        """From ``{state: (states it may move to, ...)}``, every move open to ``actors``."""
        return cls(
            [
                Transition(source, target, frozenset(actors))
                for source, targets in table.items()
                for target in targets
            ],
            **options,
        )

    def __contains__(self, move: tuple[str, str]) -> bool:
        return (str(move[0]), str(move[1])) in self.transitions

    def get(self, source, target) -> Transition | None:
        return self.transitions.get((str(source), str(target)))

    def allows(self, source, target, actor=None) -> bool:
        transition = self.get(source, target)
        return transition is not None and transition.allows(actor)

    def targets(self, source, actor=None) -> list[str]:
        """The states ``actor`` may move something in ``source`` to, in the states' order
        (the table's order without ``states``)."""
        found = [
            target
            for (start, target), transition in self.transitions.items()
            if start == str(source) and transition.allows(actor)
        ]
        if self.states is not None:
            order = {value: index for index, value in enumerate(self.states.values)}
            found.sort(key=order.__getitem__)
        return found

    def label(self, state) -> str:
        if state in (None, ""):
            return gettext("(none)")
        if self.states is not None and str(state) in self.states.values:
            return str(self.states(str(state)).label)
        return str(state)

    def check(self, source, target, actor=None) -> Transition:
        """The move's row of the table; :class:`TransitionNotAllowed` when there is none
        or ``actor`` may not make it."""
        transition = self.get(source, target)
        labels = {"current": self.label(source), "target": self.label(target)}
        if transition is None:
            raise TransitionNotAllowed(
                gettext("Nothing can move from “%(current)s” to “%(target)s”.") % labels
            )
        if not transition.allows(actor):
            raise TransitionNotAllowed(
                gettext("You may not move it from “%(current)s” to “%(target)s”.") % labels
            )
        return transition

    def move(self, instance, target, *, actor=None, user=None, note="", record=None, **extra):
        """Moves ``instance`` to ``target`` if the table allows it, all or nothing.

        The row is locked and its state read again (someone may have moved it since the
        caller looked), checked, saved, and the move appended to ``record`` (a
        :class:`TransitionRecord` subclass; ``extra`` fills its other fields). Returns the
        new record (``None`` without ``record``); ``instance`` gets the new state."""
        model = type(instance)
        with transaction.atomic():
            locked = model._default_manager.select_for_update().get(pk=instance.pk)
            current = getattr(locked, self.state_field)
            transition = self.check(current, target, actor)
            setattr(locked, self.state_field, target)
            locked.save(update_fields=[self.state_field])
            entry = None
            if record is not None:
                entry = record.objects.create(
                    **{record.subject_field: locked},
                    from_state=current or "",
                    to_state=target,
                    actor=_recorded_actor(transition, actor),
                    user=user,
                    note=note,
                    **extra,
                )
        setattr(instance, self.state_field, target)
        return entry


def _recorded_actor(transition: Transition, actor) -> str:
    if actor is None:
        return ""
    if isinstance(actor, str):
        return str(actor)
    matching = sorted(transition.actors & _as_set(actor)) or sorted(_as_set(actor))
    return matching[0] if matching else ""


class TransitionRecord(models.Model):
    """One move of something through its :class:`Workflow`: from which state to which,
    by whom, when, with what note. Appended, never edited.

    A subclass adds the foreign key to what moved and names it in ``subject_field``; it
    may redeclare ``from_state``/``to_state``/``actor`` with ``choices`` for labels."""

    subject_field = "subject"

    from_state = models.CharField(_("from"), max_length=32, blank=True)
    to_state = models.CharField(_("to"), max_length=32)
    actor = models.CharField(_("by"), max_length=20, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self):
        shown = getattr(self, "get_from_state_display", lambda: self.from_state)
        target = getattr(self, "get_to_state_display", lambda: self.to_state)
        return f"{shown() or '-'} → {target()}"
