"""Which unit answers a request, whatever the language of the page it came from.

Every unit page has a translation per language (the Persian page and its English twin,
sharing a ``translation_key``). Forms list the units of the page's language; a request
is always stored on the unit's canonical page (the default language's), where the
unit's desk staff are, so that a request from ``/en/`` lands in the same queue as one
from ``/``.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import signals
from wagtail.models import Locale
from wagtail.signals import post_page_move

from cms.backoffice.shared_cache import Generation, store
from sitepages.models import UnitPage

from . import conf
from .models.staff import DeskStaff

# Who handles which unit's requests, kept between requests (in every process) until a
# membership, a user, a unit or a locale changes, or a page moves.
HANDLERS = Generation("desk-handlers")
HANDLERS_SECONDS = 300
for _model in (DeskStaff, get_user_model(), UnitPage, Locale):
    signals.post_save.connect(HANDLERS.bump, sender=_model, weak=False)
    signals.post_delete.connect(HANDLERS.bump, sender=_model, weak=False)
post_page_move.connect(HANDLERS.bump, weak=False)


def default_locale():
    return Locale.get_default()


def active_locale():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return default_locale()


def units_of_language():
    """Live public units in the active language (the default language's if it has none)."""
    units = UnitPage.objects.live().public()
    localized = units.filter(locale=active_locale())
    if not localized.exists():
        localized = units.filter(locale=default_locale())
    return localized.order_by("path")


def canonical_unit(unit):
    """The unit's page in the default language (the unit itself when it is that page)."""
    if unit is None:
        return None
    locale = default_locale()
    if unit.locale_id == locale.pk:
        return unit
    canonical = unit.get_translation_or_none(locale)
    return canonical.specific if canonical is not None else unit


def complaints_unit():
    """The unit whose queue receives complaints (inspection), if the site has it."""
    slug = conf.complaints_unit_slug()
    if not slug:
        return None
    return UnitPage.objects.live().filter(slug=slug).order_by("locale_id", "pk").first()


# Who handles a unit's requests: no request without a handler.


def triage_unit():
    """The configured triage unit (``DESK_TRIAGE_UNIT_SLUG``), canonical page, if any."""
    slug = conf.triage_unit_slug()
    if not slug:
        return None
    return UnitPage.objects.filter(slug=slug, locale=default_locale()).first()


def _chain(unit, triage):
    """The unit, then its ancestor units (nearest first), then the triage unit."""
    unit = canonical_unit(unit)
    ancestors = UnitPage.objects.filter(
        path__in=[unit.path[:i] for i in range(UnitPage.steplen, len(unit.path), UnitPage.steplen)]
    ).order_by("-depth")
    chain = [unit, *ancestors]
    if triage is not None and triage.pk not in {u.pk for u in chain}:
        chain.append(triage)
    return chain


def handling_unit(unit, role=None):
    """The unit whose desk staff (of ``role``, if given) handle ``unit``'s requests: the
    unit itself when it has staff, else its nearest staffed parent unit, else the triage
    unit. ``None`` only when none of them has staff."""
    if unit is None:
        return None
    chain = _chain(unit, triage_unit())
    staff = DeskStaff.objects.filter(unit__in=chain, user__is_active=True)
    if role:
        staff = staff.filter(role=role)
    staffed = set(staff.values_list("unit_id", flat=True))
    return next((u for u in chain if u.pk in staffed), None)


def staff_emails(unit, role=None) -> list[str]:
    """The email addresses of the active desk staff (of ``role``, if given) who handle
    ``unit``'s requests (:func:`handling_unit`), sorted. Kept under :data:`HANDLERS`:
    a new request asks the cache once instead of walking the unit tree."""
    if unit is None:
        return []
    key = f"{HANDLERS.key()}:emails:{unit.pk}:{role or ''}"
    emails = store().get(key)
    if emails is None:
        handler = handling_unit(unit, role=role)
        memberships = DeskStaff.objects.filter(unit=handler).select_related("user")
        if role:
            memberships = memberships.filter(role=role)
        emails = (
            sorted({m.user.email for m in memberships if m.user.email and m.user.is_active})
            if handler is not None
            else []
        )
        store().set(key, emails, HANDLERS_SECONDS)
    return emails


def handled_unit_ids(unit_ids) -> set[int]:
    """Every unit whose requests the staff of ``unit_ids`` handle: their own units and
    the unstaffed units that fall back to them (two queries, whatever the number)."""
    unit_ids = set(unit_ids)
    if not unit_ids:
        return set()
    units = list(UnitPage.objects.filter(locale=default_locale()).values_list("pk", "path"))
    staffed = set(DeskStaff.objects.filter(user__is_active=True).values_list("unit_id", flat=True))
    by_path = {path: pk for pk, path in units}
    triage = triage_unit()
    handled = set(unit_ids)
    step = UnitPage.steplen
    for pk, path in units:
        if pk in staffed:
            continue
        candidates = [by_path.get(path[:i]) for i in range(len(path) - step, 0, -step)]
        if triage is not None:
            candidates.append(triage.pk)
        handler = next((c for c in candidates if c in staffed), None)
        if handler in unit_ids:
            handled.add(pk)
    return handled
