"""The units of the demo university (Arak University of Medical Sciences), in Persian
with English titles. Names of officials are invented; numbers follow Arak's 086 code."""

from .demo_data import HQ_ADDRESS, SHORT_WEEK, STANDARD_WEEK
from .demo_units_more import MORE_UNITS

# In menu order: these first, then the rest (demo_units_more).
UNITS = [
    {
        "slug": "student-cultural-affairs",
        "title": "معاونت دانشجویی و فرهنگی",
        "menu_title": "معاونت دانشجویی و فرهنگی",
        "title_en": "Deputy of Student and Cultural Affairs",
        "kind": "deputy",
        "summary": "رفاه، خوابگاه، تغذیه، مشاوره و فعالیت‌های فرهنگی دانشجویان دانشگاه.",
        "summary_en": "Welfare, dormitories, meals, counselling and cultural life of the students.",
        "description": (
            "<p>معاونت دانشجویی و فرهنگی از ورود دانشجو به دانشگاه تا دانش‌آموختگی در کنار "
            "اوست: از خوابگاه و تغذیه تا وام‌های صندوق رفاه دانشجویان وزارت بهداشت، "
            "مشاوره و سلامت روان، و برنامه‌های فرهنگی و ورزشی.</p>"
        ),
        "responsibilities": [
            "بررسی درخواست وام‌ها و تسهیلات صندوق رفاه دانشجویان",
            "اسکان دانشجویان در خوابگاه‌ها و نظارت بر آن‌ها",
            "تغذیه دانشجویی و رزرو غذا",
            "مشاوره تحصیلی، خانوادگی و سلامت روان",
            "برنامه‌های فرهنگی، فوق‌برنامه و ورزشی",
        ],
        "address": HQ_ADDRESS + "، طبقه دوم",
        "postal_code": "3848176941",
        "phones": [("دفتر معاونت", "086-33686541"), ("امور خوابگاه‌ها", "086-33686548")],
        "emails": [("", "daneshjoei@arakmu.ac.ir")],
        "hours": STANDARD_WEEK,
        "officials": [
            {
                "name": "دکتر محمدرضا کاظمی",
                "name_en": "Dr Mohammadreza Kazemi",
                "post": "معاون دانشجویی و فرهنگی",
                "post_en": "Deputy of Student and Cultural Affairs",
                "accepts_meetings": True,
                "meeting_times": "یکشنبه‌ها ساعت ۱۰ تا ۱۲",
                "phone": "086-33686541",
                "email": "daneshjoei@arakmu.ac.ir",
            },
            {
                "name": "دکتر فاطمه نوری",
                "name_en": "Dr Fatemeh Nouri",
                "post": "مدیر امور دانشجویی",
                "post_en": "Director of Student Affairs",
                "accepts_meetings": False,
                "phone": "086-33686545",
            },
        ],
        "children": [
            {
                "slug": "welfare-office",
                "title": "اداره رفاه دانشجویی",
                "menu_title": "اداره رفاه دانشجویی",
                "title_en": "Student Welfare Office",
                "kind": "office",
                "summary": (
                    "وام‌های صندوق رفاه دانشجویان وزارت بهداشت: بررسی صلاحیت، صدور سند مالی "
                    "و پیگیری واریز وام."
                ),
                "summary_en": "Loans of the Ministry of Health's Student Welfare Fund.",
                "description": (
                    "<p>کارشناسان اداره رفاه دانشجویی درخواست وام و تسهیلات دانشجویان را "
                    "بررسی می‌کنند. پس از تأیید صلاحیت، سند مالی صادر و به صندوق رفاه "
                    "دانشجویان وزارت بهداشت ارجاع می‌شود؛ پس از تأیید سند در صندوق، وام به "
                    "حساب بانکی دانشجو واریز می‌شود.</p>"
                ),
                "responsibilities": [
                    "وام تحصیلی، شهریه، مسکن، ازدواج و ودیعه مسکن",
                    "وام ضروری و کمک‌هزینه‌های موردی",
                    "صدور سند مالی و ارجاع به صندوق رفاه دانشجویان",
                    "تسویه‌حساب دانش‌آموختگان با صندوق رفاه",
                ],
                "address": HQ_ADDRESS + "، طبقه دوم، اتاق ۲۱۴",
                "phones": [("کارشناس وام‌ها", "086-33686552"), ("تسویه‌حساب", "086-33686553")],
                "emails": [("", "refah@arakmu.ac.ir")],
                "hours": SHORT_WEEK,
                "officials": [
                    {
                        "name": "علی رحیمی",
                        "name_en": "Ali Rahimi",
                        "post": "رئیس اداره رفاه دانشجویی",
                        "post_en": "Head of the Student Welfare Office",
                        "accepts_meetings": True,
                        "meeting_times": "دوشنبه‌ها ساعت ۹ تا ۱۱",
                        "phone": "086-33686552",
                        "email": "refah@arakmu.ac.ir",
                    },
                    {
                        "name": "زهرا احمدی",
                        "name_en": "Zahra Ahmadi",
                        "post": "کارشناس وام‌های دانشجویی",
                        "post_en": "Student loans officer",
                        "accepts_meetings": False,
                        "phone": "086-33686553",
                    },
                ],
            },
        ],
    },
    {
        "slug": "it-statistics",
        "title": "مدیریت آمار و فناوری اطلاعات",
        "menu_title": "آمار و فناوری اطلاعات",
        "title_en": "Statistics and IT Management",
        "kind": "management",
        "summary": (
            "زیرساخت شبکه و سامانه‌های دانشگاه، پشتیبانی کاربران و آمار سلامت استان؛ "
            "مرجع رفع مشکلات دسترسی به خدمات الکترونیک."
        ),
        "summary_en": "Network, systems and user support; health statistics of the province.",
        "description": (
            "<p>مدیریت آمار و فناوری اطلاعات زیرساخت خدمات الکترونیک دانشگاه را فراهم و "
            "نگهداری می‌کند و در مشکلات زیرساختی و دسترسی به خدمات، به واحدهای ارائه‌دهنده "
            "خدمت کمک می‌کند. هر قطعی یا نگهداری برنامه‌ریزی‌شده پیش‌تر در پرتال اعلام "
            "می‌شود.</p>"
        ),
        "responsibilities": [
            "راهبری شبکه، مرکز داده و امنیت اطلاعات دانشگاه",
            "پشتیبانی پرتال، میز خدمت الکترونیک و سامانه‌های ستادی",
            "اعلام قطعی‌ها و زمان نگهداری برنامه‌ریزی‌شده",
            "گردآوری و انتشار آمار سلامت استان مرکزی",
        ],
        "address": HQ_ADDRESS + "، طبقه همکف",
        "phones": [("پشتیبانی کاربران", "086-33686600"), ("دفتر مدیریت", "086-33686601")],
        "emails": [("پشتیبانی", "support@arakmu.ac.ir"), ("", "it@arakmu.ac.ir")],
        "hours": STANDARD_WEEK,
        "officials": [
            {
                "name": "مهندس حسین مرادی",
                "name_en": "Hossein Moradi",
                "post": "مدیر آمار و فناوری اطلاعات",
                "post_en": "Director of Statistics and IT",
                "accepts_meetings": True,
                "meeting_times": "سه‌شنبه‌ها ساعت ۱۰ تا ۱۲",
                "phone": "086-33686601",
                "email": "it@arakmu.ac.ir",
            },
            {
                "name": "مهندس مریم صادقی",
                "name_en": "Maryam Sadeghi",
                "post": "رئیس اداره فناوری اطلاعات",
                "post_en": "Head of Information Technology",
                "accepts_meetings": False,
                "phone": "086-33686605",
            },
        ],
    },
    {
        "slug": "health-deputy",
        "title": "معاونت بهداشت",
        "menu_title": "معاونت بهداشت",
        "title_en": "Deputy of Health",
        "kind": "deputy",
        "summary": "مراکز خدمات جامع سلامت، واکسیناسیون، بهداشت محیط و کار و مبارزه با بیماری‌ها.",
        "summary_en": "Primary health care, vaccination, environmental and occupational health.",
        "description": (
            "<p>معاونت بهداشت خدمات سلامت پایه را از راه مراکز خدمات جامع سلامت و خانه‌های "
            "بهداشت در سراسر استان مرکزی ارائه می‌کند.</p>"
        ),
        "responsibilities": [
            "مراقبت‌های سلامت مادر، کودک، نوجوان و سالمند",
            "واکسیناسیون و مبارزه با بیماری‌های واگیر و غیرواگیر",
            "بازرسی بهداشت محیط و حرفه‌ای",
            "صدور کارت بهداشت و مجوزهای بهداشتی",
        ],
        "address": "اراک، خیابان شهید شیرودی، ساختمان معاونت بهداشت",
        "phones": [("دفتر معاونت", "086-34173000")],
        "emails": [("", "behdasht@arakmu.ac.ir")],
        "hours": STANDARD_WEEK,
        "officials": [
            {
                "name": "دکتر رضا عباسی",
                "name_en": "Dr Reza Abbasi",
                "post": "معاون بهداشت",
                "post_en": "Deputy of Health",
                "accepts_meetings": True,
                "meeting_times": "شنبه‌ها ساعت ۱۰ تا ۱۲",
                "phone": "086-34173000",
            },
        ],
    },
    {
        "slug": "treatment-deputy",
        "title": "معاونت درمان",
        "menu_title": "معاونت درمان",
        "title_en": "Deputy of Treatment",
        "kind": "deputy",
        "summary": "نظارت بر بیمارستان‌ها و مراکز درمانی، پروانه‌های پزشکی و رسیدگی به امور بیماران.",
        "summary_en": "Hospitals and clinics, medical licences and patients' affairs.",
        "description": (
            "<p>معاونت درمان بر کیفیت و دسترسی خدمات بیمارستان‌ها و مراکز درمانی استان "
            "نظارت می‌کند و پروانه‌های مطب و مؤسسات پزشکی را صادر می‌کند.</p>"
        ),
        "responsibilities": [
            "نظارت و اعتباربخشی بیمارستان‌ها",
            "صدور و تمدید پروانه مطب و مؤسسات پزشکی",
            "اورژانس پیش‌بیمارستانی و مدیریت حوادث",
            "پیگیری شکایات درمانی بیماران",
        ],
        "address": HQ_ADDRESS + "، طبقه سوم",
        "phones": [("دفتر معاونت", "086-33686700"), ("امور پروانه‌ها", "086-33686710")],
        "emails": [("", "darman@arakmu.ac.ir")],
        "hours": STANDARD_WEEK,
        "officials": [
            {
                "name": "دکتر امیر حسینی",
                "name_en": "Dr Amir Hosseini",
                "post": "معاون درمان",
                "post_en": "Deputy of Treatment",
                "accepts_meetings": True,
                "meeting_times": "چهارشنبه‌ها ساعت ۱۰ تا ۱۲",
                "phone": "086-33686700",
            },
        ],
    },
    {
        "slug": "education-deputy",
        "title": "معاونت آموزشی",
        "menu_title": "معاونت آموزشی",
        "title_en": "Deputy of Education",
        "kind": "deputy",
        "summary": "پذیرش و ثبت‌نام، امور آموزشی دانشجویان، دانش‌آموختگان و استعدادهای درخشان.",
        "summary_en": "Admissions, registration, students' records and graduates.",
        "description": (
            "<p>معاونت آموزشی برنامه‌ریزی آموزشی دانشکده‌ها، پذیرش و ثبت‌نام دانشجویان و "
            "امور دانش‌آموختگان را بر عهده دارد.</p>"
        ),
        "responsibilities": [
            "پذیرش و ثبت‌نام دانشجویان جدیدالورود",
            "انتقال و میهمانی دانشجویان",
            "صدور گواهی و دانشنامه دانش‌آموختگان",
            "آموزش مداوم جامعه پزشکی",
        ],
        "address": HQ_ADDRESS + "، طبقه اول",
        "phones": [("دفتر معاونت", "086-33686800"), ("امور دانش‌آموختگان", "086-33686815")],
        "emails": [("", "amoozesh@arakmu.ac.ir")],
        "hours": STANDARD_WEEK,
        "officials": [
            {
                "name": "دکتر سمیه جعفری",
                "name_en": "Dr Somayeh Jafari",
                "post": "معاون آموزشی",
                "post_en": "Deputy of Education",
                "accepts_meetings": True,
                "meeting_times": "یکشنبه‌ها ساعت ۱۱ تا ۱۳",
                "phone": "086-33686800",
            },
        ],
    },
    *MORE_UNITS,
]
