"""The demo portal's content as data: the university's details, announcements, standard
pages, footer and quick links (built by ``sitepages.demo_content`` on the factories)."""

from wagtail.rich_text import RichText

from .setup_content import EDITORS, MODERATORS

UNIVERSITY = "دانشگاه علوم پزشکی اراک"
UNIVERSITY_EN = "Arak University of Medical Sciences"
HOME_TITLE_DEMO = "پرتال دانشگاه علوم پزشکی اراک"
HOME_INTRO = (
    "<p>از همین‌جا بدون مراجعهٔ حضوری با دانشگاه در تماس باشید: درخواست و نامه "
    "بفرستید، شکایت یا درخواست ملاقات ثبت کنید و با کد رهگیری پیگیری کنید.</p>"
)
HOME_INTRO_EN = (
    "<p>Reach the university online without coming in: send requests and letters, "
    "file a complaint or a meeting request, and follow it up with a tracking code.</p>"
)
# Saturday to Wednesday 7:30-14:30; Thursday and Friday closed, as in the working
# calendar the SLA clock counts with (sla.demo_week): one week everywhere.
STANDARD_WEEK = [(day, "07:30", "14:30") for day in (5, 6, 0, 1, 2)]
SHORT_WEEK = [(day, "07:30", "14:30") for day in (5, 6, 0, 1, 2)]
HQ_ADDRESS = "اراک، میدان بسیج، خیابان علم‌الهدی، ساختمان ستاد دانشگاه علوم پزشکی اراک"

# The site settings' footer contacts: Persian, then the English fields set apart.
PORTAL_CONTACTS = {
    "university_name": UNIVERSITY,
    "university_name_en": UNIVERSITY_EN,
    "phone": "086-33690000",
    "email": "info@arakmu.ac.ir",
    "address": HQ_ADDRESS,
    "postal_code": "3848176941",
    "office_hours": "شنبه تا چهارشنبه، ساعت ۷:۳۰ تا ۱۴:۳۰",
}
PORTAL_CONTACTS_EN = {
    "address_en": (
        "Headquarters of Arak University of Medical Sciences, Alam-ol-Hoda Street, "
        "Basij Square, Arak, Iran"
    ),
    "office_hours_en": "Saturday to Wednesday, 7:30 to 14:30 (Tehran time)",
}

UNIT_INDEX = {
    "title": "واحدهای دانشگاه",
    "slug": "units",
    "intro": (
        "<p>تلفن، ایمیل، نشانی، ساعت کاری و مسئولان هر معاونت، مدیریت و "
        "دانشکده. برای تماس با یک واحد، آن را انتخاب کنید.</p>"
    ),
    "search_description": "فهرست واحدهای دانشگاه علوم پزشکی اراک و راه‌های تماس با آن‌ها.",
}
UNIT_INDEX_EN = {
    "title": "Units of the university",
    "intro": "<p>Phones, emails, addresses, office hours and officials of every unit.</p>",
    "search_description": "The units of Arak University of Medical Sciences.",
}
NEWS_INDEX = {
    "title": "اطلاعیه‌ها و اخبار",
    "slug": "news",
    "intro": "<p>تازه‌ترین اطلاعیه‌ها، اخبار و زمان‌بندی قطعی‌های برنامه‌ریزی‌شده.</p>",
    "search_description": "اطلاعیه‌ها و اخبار دانشگاه علوم پزشکی اراک.",
}
NEWS_INDEX_EN = {
    "title": "News and announcements",
    "intro": "<p>Announcements are published in Persian first.</p>",
    "search_description": "News and announcements of the university.",
}

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

# Links by the key of the page they point to ("units", "news", a standard page's slug,
# "welfare-office"), or None with an address: (title, English title, page key, url).
FOOTER_LINKS = [
    ("", "Units of the university", "units", ""),
    ("", "News and announcements", "news", ""),
    ("", "Contact guide", "contact-guide", ""),
    ("", "Privacy and confidentiality", "privacy", ""),
    (
        "وزارت بهداشت، درمان و آموزش پزشکی",
        "Ministry of Health and Medical Education",
        None,
        "https://behdasht.gov.ir/",
    ),
]
SOCIAL_LINKS = [
    ("eitaa", "https://eitaa.com/arakmu"),
    ("bale", "https://ble.ir/arakmu"),
    ("telegram", "https://t.me/arakmu"),
    ("aparat", "https://www.aparat.com/arakmu"),
]
QUICK_LINKS = [
    ("", "contact-guide", ""),
    ("وام‌های دانشجویی", "welfare-office", ""),
    ("", "news", ""),
    ("سامانه جامع رفاه دانشجویان", None, "https://refahi.behdasht.gov.ir/"),
    ("", "privacy", ""),
]

# The demo editor and moderator: username, group, first name, last name.
EDITORIAL_USERS = [
    ("demo-editor", EDITORS, "مریم", "ویراستار"),
    ("demo-moderator", MODERATORS, "حسن", "ناظر"),
]
