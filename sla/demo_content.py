"""Demo content of the sla app: the catalog, the customer's SLA statement and services.

Services hang on the units the sitepages demo creates, looked up by slug; a service
whose unit is missing is skipped (and said so), never half-created. Everything is found
again by a stable key (slug, service code), so loading twice duplicates nothing.
"""

from pathlib import Path

from django.db import transaction

from cms.demo import demo_loader, ensure_locales, ensure_translation

from .demo_week import load_working_week  # noqa: F401 (registers the week's loader)
from .enums import Audience, Channel, ServiceType, TimeUnit
from .importer import import_statement
from .models import Service, ServiceCatalogPage, SLAIndexPage, SLAStatementPage
from .setup_content import link_from_home

STATEMENT_FILE = Path(__file__).resolve().parent / "tests" / "fixtures" / "sla-statement-fa.txt"
LOAN_STATEMENT_SLUG = "student-loans"

H, D = TimeUnit.WORKING_HOURS, TimeUnit.WORKING_DAYS
WEB, PHONE, IN_PERSON, EMAIL, CHAT = (
    Channel.WEB,
    Channel.PHONE,
    Channel.IN_PERSON,
    Channel.EMAIL,
    Channel.CHAT,
)

# Fees are in Rials (None: free of charge).
SERVICES = [
    {
        "code": "LOAN-01",
        "unit": "welfare-office",
        "title": "درخواست وام و تسهیلات دانشجویی از صندوق رفاه دانشجویان",
        "title_en": "Student loans from the Student Welfare Fund",
        "description": (
            "<p>دانشجویان متقاضی، درخواست وام (تحصیلی، مسکن، ضروری، ازدواج و ودیعهٔ مسکن) را "
            "ثبت می‌کنند؛ کارشناسان ادارهٔ رفاه معاونت دانشجویی و فرهنگی استحقاق را بررسی "
            "می‌کنند، سند مالی صادر و به صندوق رفاه دانشجویان وزارت بهداشت ارجاع می‌شود و پس از "
            "تأیید صندوق، وام به حساب بانکی دانشجو واریز می‌گردد.</p>"
        ),
        "description_en": (
            "<p>Students apply for tuition, housing, emergency and marriage loans. The welfare "
            "office reviews eligibility, issues the financial document and refers it to the "
            "Ministry of Health's Student Welfare Fund, which deposits the loan.</p>"
        ),
        "service_type": ServiceType.G2C,
        "audience": [Audience.STUDENTS],
        "fee": None,
        "fee_notes": "ثبت درخواست و بررسی آن هزینه‌ای ندارد؛ بازپرداخت وام پس از دانش‌آموختگی است.",
        "required_documents": (
            "کارت دانشجویی\nشناسنامه و کارت ملی\nفرم تعهد محضری بازپرداخت\n"
            "شمارهٔ حساب بانکی به نام دانشجو"
        ),
        "channels": [WEB, IN_PERSON],
        "delivery": (20, D),
        "response": (10, D),
        "availability": 99,
        "statement": True,
    },
    {
        "code": "DORM-01",
        "unit": "welfare-office",
        "title": "درخواست اسکان در خوابگاه دانشجویی",
        "title_en": "Student dormitory housing",
        "description": "<p>ثبت درخواست خوابگاه برای هر نیم‌سال تحصیلی و اعلام نتیجهٔ تخصیص.</p>",
        "service_type": ServiceType.G2C,
        "audience": [Audience.STUDENTS],
        "fee": 4_500_000,
        "fee_notes": "اجارهٔ خوابگاه برای هر نیم‌سال؛ دانشجویان شبانه طبق تعرفهٔ مصوب.",
        "required_documents": "کارت دانشجویی\nگواهی سکونت خانواده در شهرستان دیگر",
        "channels": [WEB],
        "delivery": (7, D),
        "response": (5, D),
        "availability": 99,
    },
    {
        "code": "IT-01",
        "unit": "it-statistics",
        "title": "ایجاد پست الکترونیک سازمانی",
        "title_en": "University email account",
        "description": "<p>ایجاد نشانی پست الکترونیک دانشگاه برای کارکنان و اعضای هیئت علمی.</p>",
        "service_type": ServiceType.G2G,
        "audience": [Audience.STAFF, Audience.FACULTY],
        "fee": None,
        "required_documents": "فرم درخواست با تأیید مدیر واحد",
        "channels": [WEB, EMAIL],
        "delivery": (2, D),
        "response": (1, D),
        "availability": 99.5,
    },
    {
        "code": "IT-02",
        "unit": "it-statistics",
        "title": "پشتیبانی و رفع اشکال دسترسی به سامانه‌های دانشگاه",
        "title_en": "Help with access to the university's systems",
        "description": (
            "<p>گزارش اشکال فنی یا مشکل دسترسی به پورتال و سامانه‌های دانشگاه و پیگیری رفع آن.</p>"
        ),
        "service_type": ServiceType.G2C,
        "audience": [Audience.CITIZENS, Audience.STUDENTS, Audience.STAFF],
        "fee": None,
        "channels": [WEB, PHONE, EMAIL, CHAT],
        "delivery": (8, H),
        "response": (4, H),
        "availability": 99.5,
    },
    {
        "code": "HLT-01",
        "unit": "health-deputy",
        "title": "صدور کارت بهداشت متصدیان و کارکنان اصناف",
        "title_en": "Health card for food and public-place workers",
        "description": (
            "<p>پس از گذراندن دورهٔ آموزش بهداشت عمومی و انجام آزمایش‌ها، کارت بهداشت "
            "متصدیان مشاغل مرتبط با بهداشت صادر می‌شود.</p>"
        ),
        "service_type": ServiceType.G2C,
        "audience": [Audience.CITIZENS, Audience.BUSINESSES],
        "fee": 1_200_000,
        "fee_notes": "هزینهٔ دورهٔ آموزشی جداگانه و طبق تعرفهٔ مصوب است.",
        "required_documents": "کارت ملی\nعکس ۳×۴\nگواهی گذراندن دورهٔ آموزش بهداشت عمومی\nجواب آزمایش‌ها",
        "channels": [WEB, IN_PERSON],
        "delivery": (7, D),
        "response": (3, D),
        "availability": 98,
    },
    {
        "code": "HLT-02",
        "unit": "health-deputy",
        "title": "ثبت شکایت بهداشتی از مراکز تهیه و توزیع مواد غذایی و اماکن عمومی",
        "title_en": "Hygiene complaint about food businesses and public places",
        "service_type": ServiceType.G2C,
        "audience": [Audience.CITIZENS],
        "fee": None,
        "channels": [WEB, PHONE],
        "delivery": (5, D),
        "response": (2, D),
        "availability": 99,
    },
    {
        "code": "TRT-01",
        "unit": "treatment-deputy",
        "title": "صدور و تمدید پروانهٔ مطب پزشکان",
        "title_en": "Licence of a physician's private practice",
        "description": "<p>صدور پروانهٔ مطب برای پزشکان و تمدید آن در پایان دورهٔ اعتبار.</p>",
        "service_type": ServiceType.G2B,
        "audience": [Audience.HEALTH_PROFESSIONALS],
        "fee": 6_000_000,
        "fee_notes": "تعرفهٔ صدور؛ تمدید با نصف این مبلغ.",
        "required_documents": (
            "پروانهٔ دائم پزشکی\nگواهی عضویت در نظام پزشکی\nسند یا اجاره‌نامهٔ محل مطب\n"
            "تأییدیهٔ بهداشتی محل"
        ),
        "channels": [WEB, IN_PERSON],
        "delivery": (30, D),
        "response": (10, D),
        "availability": 98,
    },
    {
        "code": "EDU-01",
        "unit": "education-deputy",
        "title": "صدور گواهی اشتغال به تحصیل",
        "title_en": "Certificate of enrolment",
        "service_type": ServiceType.G2C,
        "audience": [Audience.STUDENTS],
        "fee": 300_000,
        "required_documents": "کارت دانشجویی\nنام سازمان یا ادارهٔ گیرندهٔ گواهی",
        "channels": [WEB],
        "delivery": (3, D),
        "response": (2, D),
        "availability": 99,
    },
    {
        "code": "EDU-02",
        "unit": "education-deputy",
        "title": "تأییدیهٔ تحصیلی و ارزشیابی مدارک دانش‌آموختگان",
        "title_en": "Verification of graduates' degrees",
        "service_type": ServiceType.G2C,
        "audience": [Audience.CITIZENS, Audience.AGENCIES],
        "fee": 1_000_000,
        "fee_notes": "برای هر مدرک.",
        "required_documents": "تصویر مدرک تحصیلی\nکارت ملی\nنامهٔ سازمان درخواست‌کننده",
        "channels": [WEB, EMAIL],
        "delivery": (15, D),
        "response": (5, D),
        "availability": 99,
    },
    {
        "code": "RES-01",
        "unit": "research-deputy",
        "title": "ثبت طرح پژوهشی و بررسی در کمیتهٔ اخلاق در پژوهش",
        "title_en": "Research proposals and ethics review",
        "service_type": ServiceType.G2C,
        "audience": [Audience.FACULTY, Audience.STUDENTS],
        "fee": None,
        "channels": [WEB],
        "delivery": (30, D),
        "response": (10, D),
        "availability": 99,
    },
    {
        "code": "DEV-01",
        "unit": "development-deputy",
        "title": "فروش اسناد مناقصه و مزایده",
        "title_en": "Tender documents",
        "service_type": ServiceType.G2B,
        "audience": [Audience.BUSINESSES],
        "fee": 2_000_000,
        "fee_notes": "بهای اسناد هر مناقصه؛ واریز به حساب اعلام‌شده در آگهی.",
        "required_documents": "معرفی‌نامهٔ شرکت\nگواهی صلاحیت",
        "channels": [WEB, IN_PERSON],
        "delivery": (1, D),
        "response": (1, D),
        "availability": 99,
    },
    {
        "code": "FDA-01",
        "unit": "food-drug-deputy",
        "title": "صدور پروانهٔ ساخت فرآورده‌های غذایی، آشامیدنی، آرایشی و بهداشتی",
        "title_en": "Manufacturing licence of food, cosmetic and hygiene products",
        "service_type": ServiceType.G2B,
        "audience": [Audience.BUSINESSES],
        "fee": 15_000_000,
        "fee_notes": "برای هر فرآورده، طبق تعرفهٔ سازمان غذا و دارو.",
        "required_documents": "پروانهٔ بهره‌برداری کارخانه\nفرمول و برچسب فرآورده\nنتایج آزمون آزمایشگاه",
        "channels": [WEB],
        "delivery": (30, D),
        "response": (10, D),
        "availability": 98,
    },
    {
        "code": "PR-01",
        "unit": "public-relations",
        "title": "ثبت درخواست و مکاتبهٔ آنلاین با دانشگاه (میز خدمت)",
        "title_en": "Online requests and letters to the university (service desk)",
        "description": ("<p>ارسال درخواست یا نامه بدون مراجعهٔ حضوری و پیگیری آن با کد رهگیری.</p>"),
        "service_type": ServiceType.G2C,
        "audience": [Audience.CITIZENS, Audience.STUDENTS],
        "fee": None,
        "channels": [WEB, PHONE, EMAIL, CHAT],
        "delivery": (7, D),
        "response": (3, D),
        "availability": 99.5,
    },
    {
        "code": "INS-01",
        "unit": "inspection-complaints",
        "title": "رسیدگی به شکایات مردمی",
        "title_en": "Complaints from the public",
        "description": (
            "<p>ثبت شکایت همراه با مدارک و پیگیری آن با کد رهگیری؛ نتیجه به شاکی اعلام می‌شود.</p>"
        ),
        "service_type": ServiceType.G2C,
        "audience": [Audience.CITIZENS],
        "fee": None,
        "required_documents": "مدارک و مستندات شکایت (در صورت وجود)",
        "channels": [WEB, PHONE, IN_PERSON],
        "delivery": (15, D),
        "response": (5, D),
        "availability": 99,
    },
    {
        "code": "MED-01",
        "unit": "medicine-faculty",
        "title": "صدور گواهی پایان دورهٔ کارورزی",
        "title_en": "Certificate of completed internship",
        "service_type": ServiceType.G2C,
        "audience": [Audience.STUDENTS],
        "fee": 500_000,
        "channels": [WEB, IN_PERSON],
        "delivery": (10, D),
        "response": (5, D),
        "availability": 99,
    },
]


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
    if Service.objects.filter(code=spec["code"]).exists():
        return None
    delivery_value, delivery_unit = spec["delivery"]
    response_value, response_unit = spec["response"]
    service = Service(
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
    from sitepages.models import HomePage, UnitPage

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
