"""Demo content of the portal pages (Persian, with English versions), built on the
factories of ``sitepages.factories`` from the data of ``demo_data`` and ``demo_units``.

Idempotent: every page is found by its slug under its parent and created only when
missing; groups, users and settings likewise. ``load_demo`` may run any number of times.
"""

import datetime as dt
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Site
from wagtail.rich_text import RichText

from cms.demo import (
    demo_loader,
    demo_password,
    ensure_home_page,
    ensure_locales,
    ensure_translation,
    hashed_password,
)

from . import demo_data as data
from .demo_units import UNITS
from .factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    OfficeHoursFactory,
    OfficialFactory,
    StandardPageFactory,
    UnitContactFactory,
    UnitIndexPageFactory,
    UnitPageFactory,
)
from .models import HomePage, NewsPage, PortalSettings, UnitPage
from .models.news import tehran_today
from .setup_content import (
    EDITORS,
    HOME_TITLE,
    HOME_TITLE_EN,
    MODERATORS,
    ensure_editorial_groups,
    ensure_moderation_workflow,
)

__all__ = ["EDITORS", "MODERATORS", "load_home", "load_portal"]


@demo_loader(order=10)
def load_home(stdout):
    home = ensure_home_page(HomePage, title=data.HOME_TITLE_DEMO, intro=data.HOME_INTRO)
    if home.title == HOME_TITLE:  # as setup_portal left it: the demo university's name
        home.title = data.HOME_TITLE_DEMO
        home.save_revision().publish()
    _fa, en = ensure_locales()
    home_en = ensure_translation(home, en, title=data.UNIVERSITY_EN, intro=data.HOME_INTRO_EN)
    if home_en.title == HOME_TITLE_EN:
        home_en.title = data.UNIVERSITY_EN
        home_en.save_revision().publish()
    portal = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    if not portal.phone:
        for name, value in data.PORTAL_CONTACTS.items():
            setattr(portal, name, value)
        portal.save()
    if not portal.address_en:
        for name, value in data.PORTAL_CONTACTS_EN.items():
            setattr(portal, name, value)
        portal.save(update_fields=list(data.PORTAL_CONTACTS_EN))
    stdout.write(f"  home page: {home.url_path}")


def _child(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def ensure_child(parent, factory, *, slug, **fields):
    """The live child page of ``parent`` with ``slug``: found, or built by ``factory``
    with ``fields``, added under ``parent`` and published (one revision)."""
    model = factory._meta.model
    page = _child(parent, model, slug)
    if page is None:
        page = factory.build(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def _rich_list(items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _time(text):
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


def _unit_fields(spec):
    return {
        "title": spec["title"],
        "menu_title": spec.get("menu_title", ""),
        "kind": spec["kind"],
        "summary": spec["summary"],
        "description": spec["description"],
        "responsibilities": _rich_list(spec["responsibilities"]),
        "address": spec.get("address", ""),
        "postal_code": spec.get("postal_code", ""),
        "search_description": spec["summary"],
        "show_in_menus": True,
        "contacts": [
            UnitContactFactory.build(kind=kind, label=label, value=value)
            for kind, key in (("phone", "phones"), ("email", "emails"))
            for label, value in spec.get(key, [])
        ],
        "office_hours": [
            OfficeHoursFactory.build(weekday=day, opens=_time(opens), closes=_time(closes))
            for day, opens, closes in spec.get("hours", [])
        ],
        "officials": [
            OfficialFactory.build(
                name=person["name"],
                post=person["post"],
                accepts_meetings=person.get("accepts_meetings", False),
                meeting_times=person.get("meeting_times", ""),
                phone=person.get("phone", ""),
                email=person.get("email", ""),
            )
            for person in spec.get("officials", [])
        ],
    }


def ensure_unit(parent, spec):
    """The unit of ``spec`` (see demo_units) under ``parent``, with its child units."""
    unit = _child(parent, UnitPage, spec["slug"])
    if unit is None:
        unit = ensure_child(parent, UnitPageFactory, slug=spec["slug"], **_unit_fields(spec))
    for child in spec.get("children", []):
        ensure_unit(unit, child)
    return unit


def translate_unit(unit, locale, spec):
    """The unit's English page: title, summary and officials' names and posts."""
    translation = unit.get_translation_or_none(locale)
    if translation is not None:
        return translation.specific
    translation = unit.copy_for_translation(locale, copy_parents=True).specific
    translation.title = spec["title_en"]
    translation.menu_title = ""
    translation.summary = spec["summary_en"]
    translation.search_description = spec["summary_en"]
    translation.description = f"<p>{spec['summary_en']}</p>"
    translation.responsibilities = ""
    officials = list(translation.officials.all())
    for official, person in zip(officials, spec.get("officials", []), strict=False):
        official.name = person.get("name_en", official.name)
        official.post = person.get("post_en", official.post)
        official.meeting_times = ""
    translation.officials = officials
    translation.save_revision().publish()
    return translation


def ensure_groups_and_users(stdout):
    """The real site's groups and workflow (setup_portal), and the demo editor and moderator."""
    groups = ensure_editorial_groups()
    ensure_moderation_workflow(groups[MODERATORS])

    password = demo_password() or secrets.token_urlsafe(12)
    user_model = get_user_model()
    for username, group_name, first, last in data.EDITORIAL_USERS:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model.objects.create(
                username=username,
                email=f"{username}@example.invalid",
                password=hashed_password(password),
                first_name=first,
                last_name=last,
            )
            stdout.write(f"  user {username} ({group_name}), password: {password} (demo only)")
        user.groups.add(groups[group_name])
    return groups


def ensure_settings(site, home, pages):
    """Footer, social and quick links; ``pages`` maps the data's page keys to pages."""
    portal = PortalSettings.for_site(site)
    if not portal.footer_links:
        portal.footer_links = [
            ("link", {"title": title, "title_en": title_en, "page": pages.get(key), "url": url})
            for title, title_en, key, url in data.FOOTER_LINKS
        ]
    if not portal.social_links:
        portal.social_links = [
            ("social", {"network": network, "url": url}) for network, url in data.SOCIAL_LINKS
        ]
    portal.save()
    if not home.quick_links:
        home.quick_links = [
            ("link", {"title": title, "page": pages.get(key), "url": url})
            for title, key, url in data.QUICK_LINKS
        ]
        home.save_revision().publish()


@demo_loader(order=15)
@transaction.atomic
def load_portal(stdout):
    """Units with officials and contacts, announcements, standard pages, groups."""
    _fa, en = ensure_locales()
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific

    unit_index = ensure_child(home, UnitIndexPageFactory, show_in_menus=True, **data.UNIT_INDEX)
    units = [ensure_unit(unit_index, spec) for spec in UNITS]

    news_index = ensure_child(home, NewsIndexPageFactory, show_in_menus=True, **data.NEWS_INDEX)
    today = tehran_today()
    for item in data.NEWS:
        if _child(news_index, NewsPage, item["slug"]) is None:
            news = NewsPageFactory.build(
                title=item["title"],
                slug=item["slug"],
                date=today - dt.timedelta(days=item["days_ago"]),
                summary=item["summary"],
                body=[("paragraph", RichText(item["body"]))],
            )
            news.tags.add(*item["tags"])
            news_index.add_child(instance=news)
            news.save_revision().publish()

    pages = {
        spec["slug"]: ensure_child(
            home,
            StandardPageFactory,
            slug=spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            search_description=spec["summary"],
            show_in_menus=spec["show_in_menus"],
            body=spec["body"],
        )
        for spec in data.STANDARD_PAGES
    }
    welfare = UnitPage.objects.descendant_of(unit_index).filter(slug="welfare-office").first()
    links = {**pages, "units": unit_index, "news": news_index, "welfare-office": welfare}
    ensure_settings(site, home, links)

    # English: the unit index and every unit (with officials), and the announcements index.
    ensure_translation(unit_index, en, **data.UNIT_INDEX_EN)
    for unit, spec in zip(units, UNITS, strict=True):
        translate_unit(unit, en, spec)
        for child_spec in spec.get("children", []):
            translate_unit(_child(unit, UnitPage, child_spec["slug"]), en, child_spec)
    ensure_translation(news_index, en, **data.NEWS_INDEX_EN)

    ensure_groups_and_users(stdout)
    stdout.write(
        f"  {UnitPage.objects.filter(locale=home.locale).count()} units, "
        f"{NewsPage.objects.count()} announcements, {len(pages)} standard pages"
    )
