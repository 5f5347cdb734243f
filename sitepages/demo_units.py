"""The units of the demo university (Arak University of Medical Sciences), in Persian
with English titles. Names of officials are invented; numbers follow Arak's 086 code."""

# Saturday to Wednesday 7:30-14:30; Thursday and Friday closed, as in the working
# calendar the SLA clock counts with (sla.demo_week): one week everywhere.
STANDARD_WEEK = [(day, "07:30", "14:30") for day in (5, 6, 0, 1, 2)]
SHORT_WEEK = [(day, "07:30", "14:30") for day in (5, 6, 0, 1, 2)]
HQ_ADDRESS = "اراک، میدان بسیج، خیابان علم‌الهدی، ساختمان ستاد دانشگاه علوم پزشکی اراک"

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
