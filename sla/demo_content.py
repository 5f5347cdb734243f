"""Demo content of the sla app: the catalog, the customer's SLA statement and services.

Services hang on the units the sitepages demo creates, looked up by slug; a service
whose unit is missing is skipped (and said so), never half-created. Everything is found
again by a stable key (slug, service code), so loading twice duplicates nothing.
"""

from pathlib import Path

from django.db import transaction

from cms.demo import demo_loader, ensure_locales, ensure_translation
from sitepages.models import HomePage, UnitPage

from .demo_services import SERVICES
from .demo_week import load_working_week  # noqa: F401 (registers the week's loader)
from .factories import ServiceFactory
from .importer import import_statement
from .models import Service, ServiceCatalogPage, SLAIndexPage, SLAStatementPage
from .setup_content import link_from_home

STATEMENT_FILE = Path(__file__).resolve().parent / "tests" / "fixtures" / "sla-statement-fa.txt"
LOAN_STATEMENT_SLUG = "student-loans"

__all__ = ["SERVICES", "ensure_service", "load_sla"]


def ensure_child_page(parent, page_class, *, slug, **fields):
    """The published child page of ``parent`` with ``slug``, created once."""
    page = page_class.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = page_class(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def ensure_statement(index, stdout):
    statement = SLAStatementPage.objects.child_of(index).filter(slug=LOAN_STATEMENT_SLUG).first()
    if statement is None:
        statement = import_statement(
            STATEMENT_FILE.read_bytes(),
            index,
            title="توافق‌نامهٔ سطح خدمت: وام‌ها و تسهیلات دانشجویی",
            slug=LOAN_STATEMENT_SLUG,
        )
        statement.notification_email = "sla@arakmu.ac.ir"
        statement.save_revision().publish()
        statement.refresh_from_db()
        stdout.write(f"  sla: imported the customer's statement at {statement.url_path}")
    return statement


def ensure_service(spec, unit, statement):
    """The service of ``spec`` (see demo_services), built on the tests' factory, checked
    and published once; None when its code exists already."""
    if Service.objects.filter(code=spec["code"]).exists():
        return None
    delivery_value, delivery_unit = spec["delivery"]
    response_value, response_unit = spec["response"]
    service = ServiceFactory.build(
        code=spec["code"],
        title=spec["title"],
        title_en=spec.get("title_en", ""),
        description=spec.get("description", ""),
        description_en=spec.get("description_en", ""),
        responsible_unit=unit,
        service_type=spec["service_type"],
        audience=list(spec["audience"]),
        is_free=spec["fee"] is None,
        fee=spec["fee"],
        fee_notes=spec.get("fee_notes", ""),
        required_documents=spec.get("required_documents", ""),
        channels=list(spec["channels"]),
        delivery_time_value=delivery_value,
        delivery_time_unit=delivery_unit,
        response_target_value=response_value,
        response_target_unit=response_unit,
        availability_target=spec["availability"],
        sla_statement=statement if spec.get("statement") else None,
    )
    service.full_clean()
    service.save()
    service.save_revision().publish()
    return service


@demo_loader(order=30)
@transaction.atomic
def load_sla(stdout):
    fa, en = ensure_locales()
    home = HomePage.objects.filter(depth=2, locale=fa).first()
    if home is None:
        stdout.write("  sla: no home page yet; skipped")
        return
    catalog = ensure_child_page(
        home,
        ServiceCatalogPage,
        slug="services",
        title="میز خدمت: شناسنامهٔ خدمات دانشگاه",
        intro=(
            "<p>هر خدمت دانشگاه با واحد مسئول، هزینه، مدارک لازم، راه‌های دریافت و زمان پاسخ "
            "تعهدشده‌اش در این فهرست آمده است.</p>"
        ),
    )
    index = ensure_child_page(
        home,
        SLAIndexPage,
        slug="sla",
        title="توافق‌نامه‌های سطح خدمت",
        intro=(
            "<p>تعهدات دانشگاه در ارائهٔ خدمات الکترونیکی به شهروندان و دانشجویان، "
            "و دورهٔ اعتبار هر توافق‌نامه.</p>"
        ),
    )
    if home.get_translation_or_none(en) is not None:
        ensure_translation(
            catalog,
            en,
            title="Service catalog",
            intro=(
                "<p>Every service of the university with its responsible unit, fee, required "
                "documents, channels and promised response time.</p>"
            ),
        )
        ensure_translation(
            index,
            en,
            title="Service level agreements",
            intro="<p>What the university promises for its online services, and until when.</p>",
        )
    statement = ensure_statement(index, stdout)
    link_from_home(home, [catalog, index])

    created, missing = 0, []
    for spec in SERVICES:
        unit = UnitPage.objects.filter(slug=spec["unit"], locale=fa).first()
        if unit is None:
            missing.append(spec["unit"])
            continue
        if ensure_service(spec, unit, statement) is not None:
            created += 1
    stdout.write(
        f"  sla: catalog at {catalog.url_path}, {created} service(s) created, "
        f"{Service.objects.count()} in all"
    )
    if missing:
        stdout.write(f"  sla: no unit page for {', '.join(sorted(set(missing)))}; skipped")
