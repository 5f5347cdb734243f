"""List filters of the back office whose choices are computed once and kept.

:class:`CachedRelatedOnlyFilter` offers, like Django's ``RelatedOnlyFieldListFilter``,
the related objects (services, units...) that occur in what the user may see; but the
``SELECT DISTINCT`` over every row behind the fence runs once per fence (the user's
units) and language, not on every page: the choices are kept in the back office's
shared cache until a row of the related model changes (saved or deleted) or
``SECONDS`` pass (which bounds how long a newly used choice takes to appear).
"""

from __future__ import annotations

from django.contrib.admin import RelatedOnlyFieldListFilter
from django.db.models import signals
from django.utils.translation import get_language

from .shared_cache import Generation, store

_generations: dict[type, Generation] = {}


def choices_generation(model) -> Generation:
    """The generation of the filter choices showing rows of ``model``."""
    generation = _generations.get(model)
    if generation is None:
        generation = _generations[model] = Generation(f"filter-choices:{model._meta.label_lower}")
        signals.post_save.connect(generation.bump, sender=model, weak=False)
        signals.post_delete.connect(generation.bump, sender=model, weak=False)
    return generation


class CachedRelatedOnlyFilter(RelatedOnlyFieldListFilter):
    SECONDS = 300

    def field_choices(self, field, request, model_admin):
        scope = model_admin.fence.scope(request.user)
        generation = choices_generation(field.remote_field.model)
        key = (
            f"{generation.key()}:{model_admin.model._meta.label_lower}:{self.field_path}:"
            f"{scope}:{get_language()}"
        )
        choices = store().get(key)
        if choices is None:
            choices = [
                (pk, str(label)) for pk, label in super().field_choices(field, request, model_admin)
            ]
            store().set(key, choices, self.SECONDS)
        return choices
