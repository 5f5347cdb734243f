"""Building blocks for demo content, shared by ``load_demo`` and the tests.

Every function is idempotent: it finds what exists by a stable key (slug, name) and
only creates what is missing, so ``load_demo`` can run again and duplicate nothing.
"""

import os

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from wagtail.models import Locale, Page, Site

# The demo accounts' password on a development machine (DEBUG on) when DEMO_PASSWORD is
# not set. Demo only: never used with DEBUG off.
DEMO_PASSWORD_DEFAULT = "demo-only-Arak-1403"  # noqa: S105


def demo_password():
    """DEMO_PASSWORD, or the fixed demo-only one when DEBUG is on; None otherwise."""
    return os.environ.get("DEMO_PASSWORD") or (DEMO_PASSWORD_DEFAULT if settings.DEBUG else None)


_HASHES: dict[tuple, str] = {}


def hashed_password(password):
    """``make_password(password)``, hashed once per password and hashers: the demo gives
    about twenty accounts the same password, and each hash is slow by design (a third of
    a second with Django's PBKDF2), so ``load_demo`` spent seconds hashing it again."""
    key = (password, tuple(settings.PASSWORD_HASHERS))
    if key not in _HASHES:
        _HASHES[key] = make_password(password)
    return _HASHES[key]


def set_demo_password(user):
    """Give a demo staff account the demo password, or no usable one outside development."""
    password = demo_password()
    if password:
        user.password = hashed_password(password)
    else:
        user.set_unusable_password()


def ensure_locales():
    fa, _ = Locale.objects.get_or_create(language_code="fa")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return fa, en


@transaction.atomic
def ensure_home_page(page_class, *, title, slug="home", **fields):
    """The Persian home page as the default site's root, replacing Wagtail's welcome page."""
    fa, _en = ensure_locales()
    root = Page.get_first_root_node()
    home = page_class.objects.filter(depth=2, locale=fa).first()
    if home is None:
        welcome = Page.objects.filter(depth=2, slug="home").exclude(
            content_type__model=page_class._meta.model_name
        )
        for page in welcome:
            page.slug = f"welcome-{page.pk}"
            page.save(update_fields=["slug"])
        home = page_class(title=title, slug=slug, locale=fa, **fields)
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.save()
        if old_root.depth == 2 and old_root.specific_class is Page:
            old_root.delete()
    return home


@transaction.atomic
def ensure_translation(page, locale, **fields):
    """The page's translation into ``locale``, created (as a copy) and published once."""
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True)
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save_revision().publish()
        translation.refresh_from_db()
    return translation.specific


# Every app (core or plugin) may have a ``demo_content.py`` module that registers its
# loader with ``@demo_loader(order=N)``; ``load_demo`` runs them all, in order, in one
# transaction. This keeps cms ignorant of which apps exist.
_loaders = []


def demo_loader(order=100):
    def register(func):
        _loaders.append((order, func.__module__, func))
        return func

    return register


def registered_loaders():
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("demo_content")
    seen = set()
    loaders = []
    for _order, module, func in sorted(_loaders, key=lambda item: (item[0], item[1])):
        if (module, func.__name__) not in seen:
            seen.add((module, func.__name__))
            loaders.append(func)
    return loaders
