"""The fence around personal data in the back office: who sees which objects.

A fence answers three questions for a user: may they use the back office of this model
at all (:meth:`Fence.admits`), which objects may they see (:meth:`Fence.filter`, applied
to the queryset of every route), and may they see this one object (:meth:`Fence.can_see`).
Superusers see everything; inactive or anonymous users see nothing.

Every fenced model is also listed in :data:`registry`, so that screens outside the
plugin's own back office (the site history report) can apply the same fence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import Model, QuerySet, signals

from .shared_cache import Generation, store


def _is_active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


class Fence:
    """Everything is visible to whoever the fence admits (override to narrow it)."""

    # Fences around users' personal data are applied to site-wide screens too.
    guards_personal_data = False

    def admits(self, user) -> bool:
        return _is_active(user)

    def filter(self, user, queryset: QuerySet) -> QuerySet:
        if not _is_active(user):
            return queryset.none()
        if user.is_superuser:
            return queryset
        if not self.admits(user):
            return queryset.none()
        return self.narrow(user, queryset)

    def narrow(self, user, queryset: QuerySet) -> QuerySet:
        """The objects a non-superuser the fence admits may see."""
        return queryset

    def can_see(self, user, obj: Model) -> bool:
        return self.filter(user, type(obj)._default_manager.filter(pk=obj.pk)).exists()

    def scope(self, user) -> str:
        """A name for what ``user`` sees: users with the same scope see the same
        objects (so figures about them may be shared between them)."""
        return "all" if user.is_superuser else f"user-{user.pk}"


class UnitFence(Fence):
    """Per unit: a user sees the objects of the units they are a member of.

    ``units_of(user)`` returns the ids of the user's units. They are used as
    ``<unit_field> IN (...)``: no join, no DISTINCT, so the staff queue stays cheap with
    many requests. They are computed once per request (kept on the user object) and,
    when the fence names the models they are computed from (``depends_on``), kept in the
    shared cache between requests too, until one of those models changes (saved or
    deleted, in any process) or ``UNITS_SECONDS`` pass.
    """

    guards_personal_data = True
    UNITS_SECONDS = 300

    def __init__(
        self,
        units_of: Callable[[object], set[int]],
        unit_field: str = "unit_id",
        *,
        name: str = "",
        depends_on: Iterable[type[Model]] = (),
    ):
        self._units_of = units_of
        self.unit_field = unit_field
        self._cache_name = f"_backoffice_units_{id(self)}"
        self.generation = Generation(f"fence-units:{name}") if name and depends_on else None
        for model in depends_on:
            signals.post_save.connect(self._changed, sender=model, weak=False)
            signals.post_delete.connect(self._changed, sender=model, weak=False)

    def _changed(self, **kwargs):
        self.generation.bump()

    def _shared_units(self, user) -> set[int]:
        if self.generation is None:
            return set(self._units_of(user))
        key = f"{self.generation.key()}:{user.pk}"
        cached = store().get(key)
        if cached is None:
            cached = set(self._units_of(user))
            store().set(key, cached, self.UNITS_SECONDS)
        return cached

    def units(self, user) -> set[int]:
        if not _is_active(user):
            return set()
        cached = getattr(user, self._cache_name, None)
        if cached is None:
            cached = self._shared_units(user)
            setattr(user, self._cache_name, cached)
        return cached

    def admits(self, user) -> bool:
        return _is_active(user) and (user.is_superuser or bool(self.units(user)))

    def narrow(self, user, queryset):
        return queryset.filter(**{f"{self.unit_field}__in": sorted(self.units(user))})

    def unit_choices(self, user, units: QuerySet) -> QuerySet:
        """The units ``user`` may give an object of this fence to (a form's choices)."""
        if user.is_superuser:
            return units
        return units.filter(pk__in=sorted(self.units(user)))

    def scope(self, user) -> str:
        if user.is_superuser:
            return "all"
        return "units-" + ",".join(map(str, sorted(self.units(user))))

    def can_see(self, user, obj) -> bool:
        if not _is_active(user):
            return False
        return user.is_superuser or getattr(obj, self.unit_field) in self.units(user)


class RoleFence(Fence):
    """Per role: whoever holds one of the roles sees every object; nobody else any."""

    guards_personal_data = True

    def __init__(self, has_role: Callable[[object], bool]):
        self._has_role = has_role

    def admits(self, user) -> bool:
        return _is_active(user) and (user.is_superuser or bool(self._has_role(user)))

    def can_see(self, user, obj) -> bool:
        return self.admits(user)

    def scope(self, user) -> str:
        # Whoever the fence admits sees every object.
        return "all" if self.admits(user) else f"user-{user.pk}"


class FenceRegistry:
    """The fenced models, so that site-wide screens can apply their fences too."""

    def __init__(self):
        self._fences: dict[type[Model], Fence] = {}

    def register(self, model: type[Model], fence: Fence) -> None:
        if fence.guards_personal_data:
            self._fences[model] = fence

    def items(self):
        return list(self._fences.items())

    def get(self, model) -> Fence | None:
        return self._fences.get(model)


registry = FenceRegistry()
