"""The service catalog's part of ``setup_portal`` (see :mod:`cms.setup`).

The empty service catalog and SLA statements sections (Persian, with English
translations), linked from the home page once, and the working calendar's default
week. Services and statements are the university's own: editors add them.
"""

from cms.demo import ensure_locales, ensure_translation
from cms.setup import setup_step
from sitepages.models import HomePage

from .models import ServiceCatalogPage, SLAIndexPage, WorkingCalendarSettings

CATALOG = {
    "title": "میز خدمت: شناسنامهٔ خدمات دانشگاه",
    "intro": (
        "<p>هر خدمت دانشگاه با واحد مسئول، هزینه، مدارک لازم، راه‌های دریافت و زمان پاسخ "
        "تعهدشده‌اش در این فهرست آمده است.</p>"
    ),
}
CATALOG_EN = {
    "title": "Service catalog",
    "intro": (
        "<p>Every service of the university with its responsible unit, fee, required "
        "documents, channels and promised response time.</p>"
    ),
}
STATEMENTS = {
    "title": "توافق‌نامه‌های سطح خدمت",
    "intro": (
        "<p>تعهدات دانشگاه در ارائهٔ خدمات الکترونیکی به شهروندان و دانشجویان، "
        "و دورهٔ اعتبار هر توافق‌نامه.</p>"
    ),
}
STATEMENTS_EN = {
    "title": "Service level agreements",
    "intro": "<p>What the university promises for its online services, and until when.</p>",
}


def ensure_section(parent, page_class, slug, fields):
    """The one page of this type under ``parent``, created once (found by type)."""
    page = page_class.objects.child_of(parent).first()
    if page is None:
        page = page_class(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def link_from_home(home, pages):
    """Put the catalog and the statements among the home page's quick links, once."""
    linked = {block.value.get("page").pk for block in home.quick_links if block.value.get("page")}
    missing = [page for page in pages if page.pk not in linked]
    if not missing:
        return
    links = [(block.block_type, block.value) for block in home.quick_links]
    home.quick_links = [
        ("link", {"title": "", "page": page, "url": ""}) for page in missing
    ] + links
    home.save_revision().publish()


@setup_step(order=30)
def setup_catalog(stdout):
    _fa, en = ensure_locales()
    home = HomePage.objects.filter(depth=2, locale__language_code="fa").first()
    if home is None:
        stdout.write("  sla: no home page; catalog skipped")
        return
    catalog_is_new = not ServiceCatalogPage.objects.child_of(home).exists()
    index_is_new = not SLAIndexPage.objects.child_of(home).exists()
    catalog = ensure_section(home, ServiceCatalogPage, "services", CATALOG)
    index = ensure_section(home, SLAIndexPage, "sla", STATEMENTS)
    ensure_translation(catalog, en, **CATALOG_EN)
    ensure_translation(index, en, **STATEMENTS_EN)
    # Linked from the home page when created, never again (an editor may remove the link).
    new = [page for page, is_new in ((catalog, catalog_is_new), (index, index_is_new)) if is_new]
    if new:
        link_from_home(home, new)
    # The working week (Saturday to Thursday noon) as the row editors then change.
    WorkingCalendarSettings.load()
    stdout.write(f"  sla: catalog at {catalog.url_path}, statements at {index.url_path}")
