"""Demo content of the portal pages (Persian, with English versions).

Idempotent: every page is found by its slug under its parent and created only when
missing; groups, users and settings likewise. ``load_demo`` may run any number of times.
"""

import datetime as dt
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import (
    Site,
)
from wagtail.rich_text import RichText

from cms.demo import (
    demo_loader,
    demo_password,
    ensure_home_page,
    ensure_locales,
    ensure_translation,
)

from .demo_units import UNITS
from .models import (
    HomePage,
    NewsIndexPage,
    NewsPage,
    OfficeHours,
    Official,
    PortalSettings,
    StandardPage,
    UnitContact,
    UnitIndexPage,
    UnitPage,
)
from .models.news import tehran_today
from .setup_content import (
    EDITORS,
    HOME_TITLE,
    HOME_TITLE_EN,
    MODERATORS,
    ensure_editorial_groups,
    ensure_moderation_workflow,
)

UNIVERSITY = "دانشگاه علوم پزشکی اراک"


@demo_loader(order=10)
def load_home(stdout):
    home = ensure_home_page(
        HomePage,
        title="پرتال دانشگاه علوم پزشکی اراک",
        intro=(
            "<p>از همین‌جا بدون مراجعهٔ حضوری با دانشگاه در تماس باشید: درخواست و نامه "
            "بفرستید، شکایت یا درخواست ملاقات ثبت کنید و با کد رهگیری پیگیری کنید.</p>"
        ),
    )
    if home.title == HOME_TITLE:  # as setup_portal left it: the demo university's name
        home.title = "پرتال دانشگاه علوم پزشکی اراک"
        home.save_revision().publish()
    _fa, en = ensure_locales()
    home_en = ensure_translation(
        home,
        en,
        title="Arak University of Medical Sciences",
        intro=(
            "<p>Reach the university online without coming in: send requests and letters, "
            "file a complaint or a meeting request, and follow it up with a tracking code.</p>"
        ),
    )
    if home_en.title == HOME_TITLE_EN:
        home_en.title = "Arak University of Medical Sciences"
        home_en.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    portal = PortalSettings.for_site(site)
    if not portal.phone:
        portal.university_name = UNIVERSITY
        portal.university_name_en = "Arak University of Medical Sciences"
        portal.phone = "086-33690000"
        portal.email = "info@arakmu.ac.ir"
        portal.address = "اراک، میدان بسیج، خیابان علم‌الهدی، ساختمان ستاد دانشگاه علوم پزشکی اراک"
        portal.postal_code = "3848176941"
        portal.office_hours = "شنبه تا چهارشنبه، ساعت ۷:۳۰ تا ۱۴:۳۰"
        portal.save()
    if not portal.address_en:
        portal.address_en = (
            "Headquarters of Arak University of Medical Sciences, Alam-ol-Hoda Street, "
            "Basij Square, Arak, Iran"
        )
        portal.office_hours_en = "Saturday to Wednesday, 7:30 to 14:30 (Tehran time)"
        portal.save(update_fields=["address_en", "office_hours_en"])
    stdout.write(f"  home page: {home.url_path}")


def _child(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _rich_list(items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _time(text):
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


def ensure_unit(parent, data):
    unit = _child(parent, UnitPage, data["slug"])
    if unit is None:
        unit = UnitPage(
            title=data["title"],
            slug=data["slug"],
            menu_title=data.get("menu_title", ""),
            kind=data["kind"],
            summary=data["summary"],
            description=data["description"],
            responsibilities=_rich_list(data["responsibilities"]),
            address=data.get("address", ""),
            postal_code=data.get("postal_code", ""),
            search_description=data["summary"],
            show_in_menus=True,
        )
        unit.contacts = [
            UnitContact(kind="phone", label=label, value=number)
            for label, number in data.get("phones", [])
        ] + [
            UnitContact(kind="email", label=label, value=email)
            for label, email in data.get("emails", [])
        ]
        unit.office_hours = [
            OfficeHours(weekday=day, opens=_time(opens), closes=_time(closes))
            for day, opens, closes in data.get("hours", [])
        ]
        unit.officials = [
            Official(
                name=person["name"],
                post=person["post"],
                accepts_meetings=person.get("accepts_meetings", False),
                meeting_times=person.get("meeting_times", ""),
                phone=person.get("phone", ""),
                email=person.get("email", ""),
            )
            for person in data.get("officials", [])
        ]
        _add(parent, unit)
    for child in data.get("children", []):
        ensure_unit(unit, child)
    return unit


def translate_unit(unit, locale, data):
    """The unit's English page: title, summary and officials' names and posts."""
    translation = unit.get_translation_or_none(locale)
    if translation is not None:
        return translation.specific
    translation = unit.copy_for_translation(locale, copy_parents=True).specific
    translation.title = data["title_en"]
    translation.menu_title = ""
    translation.summary = data["summary_en"]
    translation.search_description = data["summary_en"]
    translation.description = f"<p>{data['summary_en']}</p>"
    translation.responsibilities = ""
    officials = list(translation.officials.all())
    for official, person in zip(officials, data.get("officials", []), strict=False):
        official.name = person.get("name_en", official.name)
        official.post = person.get("post_en", official.post)
        official.meeting_times = ""
    translation.officials = officials
    translation.save_revision().publish()
    return translation


NEWS = [
    {
        "slug": "student-loans-registration",
        "title": "آغاز ثبت‌نام وام‌های دانشجویی نیمسال جدید",
        "days_ago": 1,
        "summary": (
            "دانشجویان متقاضی وام تحصیلی، مسکن و ضروری می‌توانند تا پایان ماه درخواست خود "
            "را در سامانه صندوق رفاه دانشجویان ثبت کنند."
        ),
        "body": (
            "<p>اداره رفاه دانشجویی معاونت دانشجویی و فرهنگی اعلام کرد ثبت‌نام وام‌های "
            "صندوق رفاه دانشجویان وزارت بهداشت برای نیمسال جدید آغاز شده است.</p>"
            "<p>پس از بررسی صلاحیت در اداره رفاه، سند مالی صادر و به صندوق رفاه ارجاع "
            "می‌شود و وام پس از تأیید صندوق به حساب دانشجو واریز خواهد شد.</p>"
        ),
        "tags": ["وام دانشجویی", "رفاه دانشجویی"],
    },
    {
        "slug": "planned-maintenance-systems",
        "title": "اطلاعیه نگهداری برنامه‌ریزی‌شده سامانه‌های الکترونیک دانشگاه",
        "days_ago": 3,
        "summary": (
            "به دلیل ارتقای زیرساخت مرکز داده، سامانه‌های الکترونیک دانشگاه پنجشنبه از "
            "ساعت ۲۲ تا ۲ بامداد در دسترس نخواهند بود."
        ),
        "body": (
            "<p>مدیریت آمار و فناوری اطلاعات به اطلاع می‌رساند برای ارتقای تجهیزات مرکز "
            "داده، پرتال، میز خدمت الکترونیک و سامانه‌های ستادی در بازه اعلام‌شده در "
            "دسترس نیستند. پیشاپیش از شکیبایی شما سپاسگزاریم.</p>"
        ),
        "tags": ["فناوری اطلاعات", "اطلاعیه فنی"],
    },
    {
        "slug": "e-service-desk-launch",
        "title": "راه‌اندازی میز خدمت الکترونیک و ثبت درخواست ملاقات با مسئولان",
        "days_ago": 6,
        "summary": (
            "از این پس درخواست‌ها، نامه‌ها، شکایت‌ها و درخواست ملاقات با معاونان و مدیران "
            "دانشگاه بدون مراجعه حضوری و با کد رهگیری ثبت و پیگیری می‌شود."
        ),
        "body": (
            "<p>میز خدمت الکترونیک دانشگاه علوم پزشکی اراک راه‌اندازی شد. شهروندان "
            "می‌توانند درخواست خود را ثبت کنند و با کد رهگیری و شماره همراه، روند "
            "رسیدگی را دنبال کنند.</p>"
        ),
        "tags": ["میز خدمت", "تکریم ارباب رجوع"],
    },
    {
        "slug": "research-ethics-workshop",
        "title": "برگزاری کارگاه اخلاق در پژوهش برای اعضای هیئت علمی",
        "days_ago": 9,
        "summary": (
            "کارگاه دو روزه اخلاق در پژوهش‌های علوم پزشکی با حضور اعضای کمیته اخلاق "
            "دانشگاه برگزار می‌شود."
        ),
        "body": (
            "<p>معاونت تحقیقات و فناوری کارگاه اخلاق در پژوهش را در سالن اجتماعات "
            "دانشکده پزشکی برگزار می‌کند. ثبت‌نام از راه دفتر معاونت انجام می‌شود.</p>"
        ),
        "tags": ["پژوهش"],
    },
    {
        "slug": "influenza-vaccination-staff",
        "title": "آغاز واکسیناسیون آنفلوانزای کارکنان بهداشت و درمان",
        "days_ago": 12,
        "summary": (
            "واکسن آنفلوانزای کارکنان بیمارستان‌ها و مراکز خدمات جامع سلامت از شنبه در "
            "مراکز منتخب تزریق می‌شود."
        ),
        "body": (
            "<p>معاونت بهداشت اعلام کرد واکسیناسیون آنفلوانزای کارکنان گروه‌های پرخطر "
            "از شنبه آغاز می‌شود. همراه داشتن کارت شناسایی کارکنان الزامی است.</p>"
        ),
        "tags": ["سلامت", "واکسیناسیون"],
    },
    {
        "slug": "blood-pressure-screening",
        "title": "طرح ملی غربالگری فشار خون در استان مرکزی",
        "days_ago": 16,
        "summary": (
            "همه افراد بالای ۳۰ سال می‌توانند در مراکز خدمات جامع سلامت و پایگاه‌های "
            "سلامت، رایگان فشار خون خود را اندازه بگیرند."
        ),
        "body": (
            "<p>طرح ملی غربالگری فشار خون با همکاری معاونت بهداشت در سراسر استان مرکزی "
            "اجرا می‌شود. مراجعه به نزدیک‌ترین مرکز خدمات جامع سلامت کافی است.</p>"
        ),
        "tags": ["سلامت"],
    },
    {
        "slug": "public-meetings-schedule",
        "title": "برنامه ملاقات‌های مردمی رئیس و معاونان دانشگاه",
        "days_ago": 20,
        "summary": (
            "برنامه هفتگی ملاقات حضوری رئیس و معاونان دانشگاه با مردم اعلام شد؛ "
            "درخواست ملاقات از راه پرتال نیز پذیرفته می‌شود."
        ),
        "body": (
            "<p>مدیریت بازرسی، ارزیابی عملکرد و پاسخگویی به شکایات برنامه ملاقات‌های "
            "مردمی را منتشر کرد. روزها و ساعت‌های ملاقات هر مسئول در صفحه واحد او آمده "
            "است.</p>"
        ),
        "tags": ["ملاقات مردمی", "تکریم ارباب رجوع"],
    },
]


STANDARD_PAGES = [
    {
        "slug": "about",
        "title": "درباره دانشگاه",
        "summary": "دانشگاه علوم پزشکی اراک: آموزش، پژوهش و خدمات سلامت در استان مرکزی.",
        "show_in_menus": True,
        "body": [
            (
                "paragraph",
                RichText(
                    "<p>دانشگاه علوم پزشکی و خدمات بهداشتی درمانی اراک متولی آموزش علوم "
                    "پزشکی و ارائه خدمات بهداشتی و درمانی در استان مرکزی است و با "
                    "دانشکده‌ها، بیمارستان‌های آموزشی و مراکز خدمات جامع سلامت در سراسر "
                    "استان به مردم خدمت می‌کند.</p>"
                ),
            ),
            ("heading", {"text": "ساختار دانشگاه", "level": "h2"}),
            (
                "paragraph",
                RichText(
                    "<ul><li>معاونت‌های دانشجویی و فرهنگی، آموزشی، تحقیقات و فناوری، "
                    "بهداشت، درمان، غذا و دارو، توسعه مدیریت و منابع</li>"
                    "<li>دانشکده‌های پزشکی، پرستاری و مامایی، پیراپزشکی، بهداشت</li>"
                    "<li>مدیریت‌های ستادی از جمله آمار و فناوری اطلاعات و روابط عمومی</li>"
                    "</ul>"
                ),
            ),
        ],
    },
    {
        "slug": "contact-guide",
        "title": "راهنمای ارتباط با دانشگاه",
        "summary": "پنج راه ارتباط با دانشگاه بدون مراجعه حضوری، و پرسش‌های پرتکرار.",
        "show_in_menus": True,
        "body": [
            (
                "paragraph",
                RichText(
                    "<p>برای تماس با هر واحد، آن را در منوی افقی واحدها انتخاب کنید؛ تلفن، "
                    "نشانی ایمیل، ساعت کاری و مسئولان هر واحد در صفحه آن آمده است.</p>"
                ),
            ),
            (
                "table",
                {
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "data": [
                        ["راه ارتباط", "پیگیری"],
                        ["گفتگوی برخط با مسئولان", "در همان گفتگو"],
                        ["ارسال درخواست و مکاتبه برخط", "با کد رهگیری"],
                        ["ثبت شکایت یا درخواست ملاقات حضوری", "با کد رهگیری"],
                        ["ملاقات حضوری با معاونان و مدیران", "با کد رهگیری"],
                        ["تلفن در ساعت اداری و ایمیل", "پاسخ از واحد مربوط"],
                    ],
                },
            ),
            (
                "accordion",
                {
                    "title": "پرسش‌های پرتکرار",
                    "items": [
                        {
                            "question": "کد رهگیری را گم کرده‌ام؛ چه کنم؟",
                            "answer": RichText(
                                # No address of a plugin here: the core's pages work with
                                # every plugin switched off. The tracking page links it.
                                "<p>در صفحهٔ پیگیری درخواست، «درخواست‌های من» را باز کنید "
                                "و شمارهٔ همراهی را که با درخواست داده‌اید وارد کنید؛ "
                                "کدی یک‌بارمصرف برایتان پیامک می‌شود و با آن همهٔ درخواست‌ها و "
                                "درخواست‌های وامی را که با این شماره ثبت شده، با کد رهگیری "
                                "هر یک، می‌بینید و باز می‌کنید. کارکنان واحد هم می‌توانند کد "
                                "رهگیری را دوباره به همان شمارهٔ همراه بفرستند.</p>"
                            ),
                        },
                        {
                            "question": "پاسخ درخواست من چه زمانی می‌رسد؟",
                            "answer": RichText(
                                "<p>زمان پاسخ هر خدمت در میز خدمت و در توافق‌نامه سطح خدمت "
                                "آن اعلام شده است.</p>"
                            ),
                        },
                    ],
                },
            ),
        ],
    },
    {
        "slug": "privacy",
        "title": "حریم خصوصی و محرمانگی اطلاعات",
        "summary": "اطلاعاتی که در پرتال ثبت می‌کنید محرمانه است و دانشگاه از آن حفاظت می‌کند.",
        "show_in_menus": False,
        "body": [
            (
                "paragraph",
                RichText(
                    "<p>همه اطلاعات کاربران محرمانه است. تنها کارکنان واحد مسئول رسیدگی "
                    "به درخواست شما به آن دسترسی دارند و هر دسترسی ثبت می‌شود. پیش از "
                    "پایان هر خدمت، از اطلاعات کاربران نسخه پشتیبان تهیه می‌شود.</p>"
                ),
            ),
        ],
    },
]


def ensure_groups_and_users(stdout):
    """The real site's groups and workflow (setup_portal), and the demo editor and moderator."""
    groups = ensure_editorial_groups()
    ensure_moderation_workflow(groups[MODERATORS])

    password = demo_password() or secrets.token_urlsafe(12)
    user_model = get_user_model()
    for username, group_name, first, last in [
        ("demo-editor", EDITORS, "مریم", "ویراستار"),
        ("demo-moderator", MODERATORS, "حسن", "ناظر"),
    ]:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model.objects.create_user(
                username=username,
                email=f"{username}@example.invalid",
                password=password,
                first_name=first,
                last_name=last,
            )
            stdout.write(f"  user {username} ({group_name}), password: {password} (demo only)")
        user.groups.add(groups[group_name])
    return groups


def ensure_settings(site, home, unit_index, news_index, pages):
    portal = PortalSettings.for_site(site)
    if not portal.footer_links:
        portal.footer_links = [
            (
                "link",
                {"title": "", "title_en": "Units of the university", "page": unit_index, "url": ""},
            ),
            (
                "link",
                {"title": "", "title_en": "News and announcements", "page": news_index, "url": ""},
            ),
            (
                "link",
                {
                    "title": "",
                    "title_en": "Contact guide",
                    "page": pages["contact-guide"],
                    "url": "",
                },
            ),
            (
                "link",
                {
                    "title": "",
                    "title_en": "Privacy and confidentiality",
                    "page": pages["privacy"],
                    "url": "",
                },
            ),
            (
                "link",
                {
                    "title": "وزارت بهداشت، درمان و آموزش پزشکی",
                    "title_en": "Ministry of Health and Medical Education",
                    "page": None,
                    "url": "https://behdasht.gov.ir/",
                },
            ),
        ]
    if not portal.social_links:
        portal.social_links = [
            ("social", {"network": "eitaa", "url": "https://eitaa.com/arakmu"}),
            ("social", {"network": "bale", "url": "https://ble.ir/arakmu"}),
            ("social", {"network": "telegram", "url": "https://t.me/arakmu"}),
            ("social", {"network": "aparat", "url": "https://www.aparat.com/arakmu"}),
        ]
    portal.save()
    if not home.quick_links:
        home.quick_links = [
            ("link", {"title": "", "page": pages["contact-guide"], "url": ""}),
            ("link", {"title": "وام‌های دانشجویی", "page": _welfare(unit_index), "url": ""}),
            ("link", {"title": "", "page": news_index, "url": ""}),
            (
                "link",
                {
                    "title": "سامانه جامع رفاه دانشجویان",
                    "page": None,
                    "url": "https://refahi.behdasht.gov.ir/",
                },
            ),
            ("link", {"title": "", "page": pages["privacy"], "url": ""}),
        ]
        home.save_revision().publish()


def _welfare(unit_index):
    return UnitPage.objects.descendant_of(unit_index).filter(slug="welfare-office").first()


@demo_loader(order=15)
@transaction.atomic
def load_portal(stdout):
    """Units with officials and contacts, announcements, standard pages, groups."""
    _fa, en = ensure_locales()
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific

    unit_index = _child(home, UnitIndexPage, "units")
    if unit_index is None:
        unit_index = _add(
            home,
            UnitIndexPage(
                title="واحدهای دانشگاه",
                slug="units",
                show_in_menus=True,
                intro=(
                    "<p>تلفن، ایمیل، نشانی، ساعت کاری و مسئولان هر معاونت، مدیریت و "
                    "دانشکده. برای تماس با یک واحد، آن را انتخاب کنید.</p>"
                ),
                search_description="فهرست واحدهای دانشگاه علوم پزشکی اراک و راه‌های تماس با آن‌ها.",
            ),
        )
    units = [ensure_unit(unit_index, data) for data in UNITS]

    news_index = _child(home, NewsIndexPage, "news")
    if news_index is None:
        news_index = _add(
            home,
            NewsIndexPage(
                title="اطلاعیه‌ها و اخبار",
                slug="news",
                show_in_menus=True,
                intro="<p>تازه‌ترین اطلاعیه‌ها، اخبار و زمان‌بندی قطعی‌های برنامه‌ریزی‌شده.</p>",
                search_description="اطلاعیه‌ها و اخبار دانشگاه علوم پزشکی اراک.",
            ),
        )
    today = tehran_today()
    for item in NEWS:
        if _child(news_index, NewsPage, item["slug"]) is None:
            news = NewsPage(
                title=item["title"],
                slug=item["slug"],
                date=today - dt.timedelta(days=item["days_ago"]),
                summary=item["summary"],
                body=[("paragraph", RichText(item["body"]))],
            )
            news.tags.add(*item["tags"])
            _add(news_index, news)

    pages = {}
    for data in STANDARD_PAGES:
        page = _child(home, StandardPage, data["slug"])
        if page is None:
            page = _add(
                home,
                StandardPage(
                    title=data["title"],
                    slug=data["slug"],
                    summary=data["summary"],
                    search_description=data["summary"],
                    show_in_menus=data["show_in_menus"],
                    body=data["body"],
                ),
            )
        pages[data["slug"]] = page

    ensure_settings(site, home, unit_index, news_index, pages)

    # English: the unit index and every unit (with officials), and the announcements index.
    ensure_translation(
        unit_index,
        en,
        title="Units of the university",
        intro="<p>Phones, emails, addresses, office hours and officials of every unit.</p>",
        search_description="The units of Arak University of Medical Sciences.",
    )
    for unit, data in zip(units, UNITS, strict=True):
        translate_unit(unit, en, data)
        for child_data in data.get("children", []):
            child = _child(unit, UnitPage, child_data["slug"])
            translate_unit(child, en, child_data)
    ensure_translation(
        news_index,
        en,
        title="News and announcements",
        intro="<p>Announcements are published in Persian first.</p>",
        search_description="News and announcements of the university.",
    )

    ensure_groups_and_users(stdout)
    stdout.write(
        f"  {UnitPage.objects.filter(locale=home.locale).count()} units, "
        f"{NewsPage.objects.count()} announcements, {len(pages)} standard pages"
    )
