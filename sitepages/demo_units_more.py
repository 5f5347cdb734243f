"""The rest of the demo units, in menu order after those of ``demo_units``: the other
deputies, public relations, inspection and complaints, and the faculty of medicine."""

from .demo_data import HQ_ADDRESS, SHORT_WEEK, STANDARD_WEEK

MORE_UNITS = [
    {
        "slug": "research-deputy",
        "title": "معاونت تحقیقات و فناوری",
        "menu_title": "معاونت تحقیقات و فناوری",
        "title_en": "Deputy of Research and Technology",
        "kind": "deputy",
        "summary": "طرح‌های پژوهشی، کمیته اخلاق، مراکز تحقیقاتی و کتابخانه مرکزی.",
        "summary_en": "Research projects, the ethics committee, research centres and the library.",
        "description": (
            "<p>معاونت تحقیقات و فناوری از پژوهشگران و مراکز تحقیقاتی دانشگاه پشتیبانی "
            "می‌کند و کمیته اخلاق در پژوهش را اداره می‌کند.</p>"
        ),
        "responsibilities": [
            "بررسی و تصویب طرح‌های پژوهشی",
            "کمیته اخلاق در پژوهش",
            "پشتیبانی مراکز تحقیقاتی و شرکت‌های دانش‌بنیان",
            "کتابخانه مرکزی و منابع علمی الکترونیک",
        ],
        "address": HQ_ADDRESS + "، طبقه چهارم",
        "phones": [("دفتر معاونت", "086-33686900")],
        "emails": [("", "research@arakmu.ac.ir")],
        "hours": SHORT_WEEK,
        "officials": [
            {
                "name": "دکتر مهدی کریمی",
                "name_en": "Dr Mahdi Karimi",
                "post": "معاون تحقیقات و فناوری",
                "post_en": "Deputy of Research and Technology",
                "accepts_meetings": True,
                "meeting_times": "دوشنبه‌ها ساعت ۱۰ تا ۱۲",
                "phone": "086-33686900",
            },
        ],
    },
    {
        "slug": "development-deputy",
        "title": "معاونت توسعه مدیریت و منابع",
        "menu_title": "معاونت توسعه",
        "title_en": "Deputy of Management and Resources Development",
        "kind": "deputy",
        "summary": "بودجه، امور مالی، منابع انسانی، پشتیبانی و طرح‌های عمرانی دانشگاه.",
        "summary_en": "Budget, finance, human resources, logistics and construction.",
        "description": (
            "<p>معاونت توسعه مدیریت و منابع منابع مالی و انسانی دانشگاه را برنامه‌ریزی و "
            "مدیریت می‌کند.</p>"
        ),
        "responsibilities": [
            "بودجه و امور مالی",
            "امور اداری و منابع انسانی",
            "پشتیبانی و تدارکات",
            "طرح‌های عمرانی و نگهداری ساختمان‌ها",
        ],
        "address": HQ_ADDRESS + "، طبقه پنجم",
        "phones": [("دفتر معاونت", "086-33687000")],
        "emails": [("", "tosee@arakmu.ac.ir")],
        "hours": STANDARD_WEEK,
        "officials": [
            {
                "name": "دکتر حمید صالحی",
                "name_en": "Dr Hamid Salehi",
                "post": "معاون توسعه مدیریت و منابع",
                "post_en": "Deputy of Management and Resources Development",
                "accepts_meetings": True,
                "meeting_times": "سه‌شنبه‌ها ساعت ۹ تا ۱۱",
                "phone": "086-33687000",
            },
        ],
    },
    {
        "slug": "food-drug-deputy",
        "title": "معاونت غذا و دارو",
        "menu_title": "معاونت غذا و دارو",
        "title_en": "Deputy of Food and Drug",
        "kind": "deputy",
        "summary": "نظارت بر داروخانه‌ها و کارخانه‌های مواد غذایی، آرایشی و بهداشتی استان.",
        "summary_en": "Pharmacies, food, cosmetic and hygienic products of the province.",
        "description": (
            "<p>معاونت غذا و دارو بر سلامت و کیفیت دارو، غذا و فراورده‌های آرایشی و بهداشتی "
            "در استان مرکزی نظارت می‌کند.</p>"
        ),
        "responsibilities": [
            "صدور پروانه داروخانه و مسئول فنی",
            "نظارت بر تولیدکنندگان مواد غذایی و بهداشتی",
            "پایش داروهای کمیاب و توزیع عادلانه دارو",
            "رسیدگی به گزارش‌های عوارض دارویی",
        ],
        "address": "اراک، خیابان امام خمینی، ساختمان معاونت غذا و دارو",
        "phones": [("دفتر معاونت", "086-32222500")],
        "emails": [("", "fda@arakmu.ac.ir")],
        "hours": STANDARD_WEEK,
        "officials": [
            {
                "name": "دکتر نرگس موسوی",
                "name_en": "Dr Narges Mousavi",
                "post": "معاون غذا و دارو",
                "post_en": "Deputy of Food and Drug",
                "accepts_meetings": True,
                "meeting_times": "شنبه‌ها ساعت ۱۱ تا ۱۳",
                "phone": "086-32222500",
            },
        ],
    },
    {
        "slug": "public-relations",
        "title": "مدیریت روابط عمومی و امور بین‌الملل",
        "menu_title": "روابط عمومی و بین‌الملل",
        "title_en": "Public Relations and International Affairs",
        "kind": "management",
        "summary": "خبررسانی، پرتال دانشگاه، ارتباط با رسانه‌ها و همکاری‌های بین‌المللی.",
        "summary_en": "News, the portal, the media and international cooperation.",
        "description": (
            "<p>مدیریت روابط عمومی اخبار و اطلاعیه‌های دانشگاه را منتشر می‌کند و پاسخگوی "
            "پرسش‌های رسانه‌ها و مردم درباره دانشگاه است.</p>"
        ),
        "responsibilities": [
            "انتشار اخبار و اطلاعیه‌ها در پرتال",
            "ارتباط با رسانه‌ها و پاسخ به پرسش‌های عمومی",
            "همکاری‌های علمی بین‌المللی و دانشجویان غیرایرانی",
        ],
        "address": HQ_ADDRESS + "، طبقه همکف",
        "phones": [("دفتر روابط عمومی", "086-33687100")],
        "emails": [("", "pr@arakmu.ac.ir")],
        "hours": STANDARD_WEEK,
        "officials": [
            {
                "name": "سعید قاسمی",
                "name_en": "Saeed Ghasemi",
                "post": "مدیر روابط عمومی و امور بین‌الملل",
                "post_en": "Director of Public Relations",
                "accepts_meetings": True,
                "meeting_times": "یکشنبه‌ها ساعت ۹ تا ۱۱",
                "phone": "086-33687100",
                "email": "pr@arakmu.ac.ir",
            },
        ],
    },
    {
        "slug": "inspection-complaints",
        "title": "مدیریت بازرسی، ارزیابی عملکرد و پاسخگویی به شکایات",
        "menu_title": "بازرسی و شکایات",
        "title_en": "Inspection, Performance Evaluation and Complaints",
        "kind": "management",
        "summary": "رسیدگی به شکایات مردمی، ارزیابی عملکرد واحدها و ملاقات‌های مردمی مسئولان.",
        "summary_en": "Citizens' complaints, performance evaluation and public meetings.",
        "description": (
            "<p>شکایت‌های مردم از خدمات دانشگاه در این مدیریت ثبت و با کد رهگیری پیگیری "
            "می‌شود؛ نتیجه به شاکی اعلام می‌شود.</p>"
        ),
        "responsibilities": [
            "ثبت و رسیدگی به شکایات با کد رهگیری",
            "ارزیابی عملکرد و رعایت تعهدات خدمات",
            "برنامه ملاقات‌های مردمی رئیس و معاونان دانشگاه",
        ],
        "address": HQ_ADDRESS + "، طبقه اول، اتاق ۱۰۸",
        "phones": [("ثبت شکایت", "086-33687200"), ("سامانه ۱۹۰ وزارت بهداشت", "190")],
        "emails": [("", "bazresi@arakmu.ac.ir")],
        "hours": STANDARD_WEEK,
        "officials": [
            {
                "name": "دکتر بهروز نظری",
                "name_en": "Dr Behrouz Nazari",
                "post": "مدیر بازرسی، ارزیابی عملکرد و پاسخگویی به شکایات",
                "post_en": "Director of Inspection and Complaints",
                "accepts_meetings": True,
                "meeting_times": "شنبه تا چهارشنبه ساعت ۸ تا ۱۰",
                "phone": "086-33687200",
                "email": "bazresi@arakmu.ac.ir",
            },
        ],
    },
    {
        "slug": "medicine-faculty",
        "title": "دانشکده پزشکی",
        "menu_title": "دانشکده پزشکی",
        "title_en": "Faculty of Medicine",
        "kind": "faculty",
        "summary": "آموزش پزشکی عمومی و دستیاری تخصصی در بیمارستان‌های آموزشی اراک.",
        "summary_en": "General medicine and residency programmes in Arak's teaching hospitals.",
        "description": (
            "<p>دانشکده پزشکی اراک دانشجویان پزشکی عمومی و دستیاران تخصصی را در "
            "بیمارستان‌های آموزشی دانشگاه آموزش می‌دهد.</p>"
        ),
        "responsibilities": [
            "آموزش پزشکی عمومی و تخصصی",
            "برنامه‌ریزی کارآموزی و کارورزی بالینی",
            "امور آموزشی و پژوهشی اعضای هیئت علمی",
        ],
        "address": "اراک، پردیس دانشگاه، خیابان سردشت، دانشکده پزشکی",
        "phones": [("دفتر دانشکده", "086-34173500"), ("آموزش دانشکده", "086-34173510")],
        "emails": [("", "medicine@arakmu.ac.ir")],
        "hours": STANDARD_WEEK,
        "officials": [
            {
                "name": "دکتر کامران یوسفی",
                "name_en": "Dr Kamran Yousefi",
                "post": "رئیس دانشکده پزشکی",
                "post_en": "Dean of the Faculty of Medicine",
                "accepts_meetings": True,
                "meeting_times": "چهارشنبه‌ها ساعت ۱۱ تا ۱۳",
                "phone": "086-34173500",
            },
            {
                "name": "دکتر لیلا رستمی",
                "name_en": "Dr Leila Rostami",
                "post": "معاون آموزشی دانشکده",
                "post_en": "Vice dean for education",
                "accepts_meetings": False,
                "phone": "086-34173510",
            },
        ],
    },
]
