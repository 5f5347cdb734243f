"""The portal pages' part of ``setup_portal`` (see :mod:`cms.setup`).

The home page as the default site's root, empty units and announcements sections
(Persian, with English translations), the portal settings row for the administrator
to fill in, and the Editors and Moderators groups with the moderation workflow.
Everything is created only when missing and never changed afterwards.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms.demo import ensure_home_page, ensure_locales, ensure_translation
from cms.setup import setup_step

from .models import HomePage, NewsIndexPage, PortalSettings, UnitIndexPage

EDITORS = "Editors"
MODERATORS = "Moderators"
# Staff read the workflow's name in the admin's buttons («ارسال برای …»): Persian.
WORKFLOW_NAME = "تأیید ناظران محتوا"
LEGACY_WORKFLOW_NAMES = ("Moderators approval",)

HOME_TITLE = "پرتال دانشگاه علوم پزشکی"
HOME_TITLE_EN = "University of Medical Sciences portal"

# Editors write and submit for moderation; Moderators approve and publish.
PAGE_RIGHTS = {
    EDITORS: ["add_page", "change_page"],
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_RIGHTS = [
    ("wagtailimages", ["add_image", "change_image", "choose_image"]),
    ("wagtaildocs", ["add_document", "change_document", "choose_document"]),
]

SECTIONS = [
    # (model, slug, Persian fields, English fields)
    (
        UnitIndexPage,
        "units",
        {
            "title": "واحدهای دانشگاه",
            "show_in_menus": True,
            "intro": "<p>تلفن، ایمیل، نشانی، ساعت کاری و مسئولان هر واحد دانشگاه.</p>",
        },
        {
            "title": "Units of the university",
            "intro": "<p>Phones, emails, addresses, office hours and officials of every unit.</p>",
        },
    ),
    (
        NewsIndexPage,
        "news",
        {
            "title": "اطلاعیه‌ها و اخبار",
            "show_in_menus": True,
            "intro": "<p>تازه‌ترین اطلاعیه‌ها، اخبار و زمان‌بندی قطعی‌های برنامه‌ریزی‌شده.</p>",
        },
        {
            "title": "News and announcements",
            "intro": "<p>Announcements are published in Persian first.</p>",
        },
    ),
]


def ensure_section(parent, model, slug, fields):
    """The child page of ``parent`` of this type, created once (found by type, so an
    editor may rename or move its slug)."""
    page = model.objects.child_of(parent).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def _site_address_from_base_url(site):
    """Wagtail's initial ``localhost:80`` site takes PORTAL_BASE_URL's host and port."""
    base = getattr(settings, "PORTAL_BASE_URL", "")
    if not base or (site.hostname, site.port) != ("localhost", 80):
        return
    parts = urlsplit(base)
    site.hostname = parts.hostname
    site.port = parts.port or (443 if parts.scheme == "https" else 80)
    site.site_name = site.site_name or HOME_TITLE
    site.save()


@setup_step(order=10)
def setup_pages(stdout):
    _fa, en = ensure_locales()
    existing = HomePage.objects.filter(depth=2, locale__language_code="fa").first()
    home = existing or ensure_home_page(
        HomePage,
        title=HOME_TITLE,
        intro=(
            "<p>از همین‌جا بدون مراجعهٔ حضوری با دانشگاه در تماس باشید: درخواست و نامه "
            "بفرستید، شکایت یا درخواست ملاقات ثبت کنید و با کد رهگیری پیگیری کنید.</p>"
        ),
    )
    ensure_translation(
        home,
        en,
        title=HOME_TITLE_EN,
        intro=(
            "<p>Reach the university online without coming in: send requests and letters, "
            "file a complaint or a meeting request, and follow it up with a tracking code.</p>"
        ),
    )
    site = Site.objects.get(is_default_site=True)
    _site_address_from_base_url(site)
    # The settings row with its defaults; the administrator fills in the contacts.
    PortalSettings.for_site(site)
    for model, slug, fields, fields_en in SECTIONS:
        page = ensure_section(home, model, slug, fields)
        ensure_translation(page, en, **fields_en)
    stdout.write(f"  pages: home, {', '.join(slug for _m, slug, _f, _e in SECTIONS)}")


def ensure_editorial_groups():
    """Editors and Moderators with their page and media rights; completed, never reduced."""
    page_type = ContentType.objects.get_for_model(Page)
    root = Page.get_first_root_node()
    collection = Collection.get_first_root_node()
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    groups = {}
    for name, codenames in PAGE_RIGHTS.items():
        group, created = Group.objects.get_or_create(name=name)
        groups[name] = group
        if not created:
            continue  # the administrator's choices stand
        group.permissions.add(admin_access)
        for codename in codenames:
            permission = Permission.objects.get(content_type=page_type, codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
        for app_label, collection_codenames in COLLECTION_RIGHTS:
            for codename in collection_codenames:
                permission = Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )
    return groups


def ensure_moderation_workflow(moderators):
    """Wagtail's approval workflow on the whole tree, created once (a site made when it
    had an English name gets the Persian one)."""
    Workflow.objects.filter(name__in=LEGACY_WORKFLOW_NAMES).update(name=WORKFLOW_NAME)
    Task.objects.filter(name__in=LEGACY_WORKFLOW_NAMES).update(name=WORKFLOW_NAME)
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not created:
        return workflow
    task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME)
    task.groups.add(moderators)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(
        page=Page.get_first_root_node(), defaults={"workflow": workflow}
    )
    return workflow


@setup_step(order=11)
def setup_groups(stdout):
    groups = ensure_editorial_groups()
    ensure_moderation_workflow(groups[MODERATORS])
    stdout.write(f"  groups: {EDITORS}, {MODERATORS}; workflow: {WORKFLOW_NAME}")
