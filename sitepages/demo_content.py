"""Demo content of the portal pages (Persian, with English versions)."""

from wagtail.models import Site

from cms.demo import demo_loader, ensure_home_page, ensure_locales, ensure_translation

from .models import HomePage, PortalSettings

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
    _fa, en = ensure_locales()
    ensure_translation(
        home,
        en,
        title="Arak University of Medical Sciences",
        intro=(
            "<p>Reach the university online without coming in: send requests and letters, "
            "file a complaint or a meeting request, and follow it up with a tracking code.</p>"
        ),
    )
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
    stdout.write(f"  home page: {home.url_path}")
