"""``setup_portal``: a real site from an empty database, idempotent, editors' work kept."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Page, Revision, Site, Workflow, WorkflowPage

from cms.plugins import registry

pytestmark = pytest.mark.django_db

SECTIONS = ["/", "/units/", "/news/", "/services/", "/sla/", "/desk/", "/loans/", "/status/"]


def setup():
    out = StringIO()
    call_command("setup_portal", stdout=out)
    return out.getvalue()


def snapshot():
    """Everything setup_portal creates, as a user or an admin would see it."""
    from sitepages.models import PortalSettings
    from sla.models import WorkingCalendarSettings

    site = Site.objects.get(is_default_site=True)
    return {
        "pages": sorted(
            Page.objects.values_list("pk", "title", "slug", "live", "latest_revision_id")
        ),
        "revisions": Revision.objects.count(),
        "groups": {
            group.name: sorted(group.permissions.values_list("codename", flat=True))
            for group in Group.objects.all()
        },
        "page_rights": sorted(
            GroupPagePermission.objects.values_list("group__name", "permission__codename")
        ),
        "workflows": sorted(Workflow.objects.values_list("name", "active")),
        "workflow_pages": WorkflowPage.objects.count(),
        "site": (site.hostname, site.port, site.root_page_id),
        "settings": PortalSettings.objects.values().get(),
        "calendar": WorkingCalendarSettings.objects.values().get(),
    }


def test_an_empty_database_gets_empty_editable_sections_that_answer(client, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.ac.ir"
    setup()
    for path in SECTIONS:
        assert client.get(path).status_code == 200, path
        assert client.get(f"/en{path}").status_code == 200, f"/en{path}"
    home = client.get("/").content.decode()
    assert "پرتال دانشگاه علوم پزشکی" in home and "Welcome to your new Wagtail site" not in home
    english = client.get("/en/").content.decode()
    assert "University of Medical Sciences portal" in english
    # Empty sections: no demo people, units, announcements or requests.
    from sitepages.models import NewsPage, UnitPage
    from sla.models import Service

    assert not UnitPage.objects.exists() and not NewsPage.objects.exists()
    assert not Service.objects.exists()
    assert not get_user_model().objects.exists()
    # The site answers at the public address; the working week is the default one.
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("portal.example.ac.ir", 443)
    from cms.working_calendar import DEFAULT_WEEK
    from sla.models import WorkingCalendarSettings

    assert WorkingCalendarSettings.load().week() == DEFAULT_WEEK


def test_groups_permissions_and_the_moderation_workflow_are_in_place():
    setup()
    root = Page.get_first_root_node()
    editors, moderators = Group.objects.get(name="Editors"), Group.objects.get(name="Moderators")
    editor_rights = set(
        editors.page_permissions.filter(page=root).values_list("permission__codename", flat=True)
    )
    assert {"add_page", "change_page"} <= editor_rights and "publish_page" not in editor_rights
    assert moderators.page_permissions.filter(permission__codename="publish_page").exists()
    assert editors.permissions.filter(codename="add_outagenotice").exists()
    assert moderators.permissions.filter(codename="publish_outagenotice").exists()
    workflow = WorkflowPage.objects.get(page=root).workflow
    assert workflow.active and workflow.tasks.get().specific.groups.get() == moderators
    for name in [
        "Service desk staff",
        "Loans: welfare experts",
        "Loans: financial officers",
        "Loans: fund liaisons",
    ]:
        assert Group.objects.get(name=name).permissions.filter(codename="access_admin").exists()


def test_plugins_contribute_through_the_contract_and_a_failure_stops_the_setup(monkeypatch):
    out = setup()
    assert "- plugin testplugin" in out and Group.objects.filter(name="Test plugin staff").exists()

    def broken(stdout):
        raise RuntimeError("boom")

    monkeypatch.setattr(registry.get("testplugin"), "setup_portal", broken)
    Group.objects.filter(name="Test plugin staff").delete()
    with pytest.raises(RuntimeError):
        setup()
    assert not Group.objects.filter(name="Test plugin staff").exists()


def test_running_again_changes_nothing():
    setup()
    before = snapshot()
    setup()
    assert snapshot() == before


def test_running_again_never_overwrites_editors_work(client):
    from sitepages.models import HomePage, NewsIndexPage, PortalSettings, UnitIndexPage
    from sla.models import WorkingCalendarSettings

    setup()
    home = HomePage.objects.get(depth=2, locale__language_code="fa")
    home.title = "پرتال دانشگاه علوم پزشکی اراک"
    home.intro = "<p>متن ویراستار</p>"
    home.quick_links = []
    home.save_revision().publish()
    units = UnitIndexPage.objects.get(locale__language_code="fa")
    units.title, units.slug = "معاونت‌ها و مدیریت‌ها", "vahedha"
    units.save_revision().publish()
    NewsIndexPage.objects.get(locale__language_code="en").unpublish()
    portal = PortalSettings.objects.get()
    portal.university_name, portal.phone = "دانشگاه علوم پزشکی اراک", "086-33690000"
    portal.save()
    calendar = WorkingCalendarSettings.load()
    calendar.thursday_opens = calendar.thursday_closes = None
    calendar.save()
    editors = Group.objects.get(name="Editors")
    GroupPagePermission.objects.filter(group=editors, permission__codename="add_page").delete()
    Workflow.objects.update(active=False)
    before = snapshot()

    setup()

    assert snapshot() == before
    assert client.get("/vahedha/").status_code == 200
    assert client.get("/units/").status_code == 404  # no second units section
    body = client.get("/").content.decode()
    assert "متن ویراستار" in body and "/services/" not in body  # links not put back


def test_the_dashboard_asks_the_administrator_to_fill_in_the_settings(client):
    from sitepages.models import PortalSettings

    setup()
    admin = get_user_model().objects.create_superuser("admin", "a@example.ir", "x")
    client.force_login(admin)
    dashboard = client.get("/admin/").content.decode()
    assert "راه‌اندازی پرتال را کامل کنید" in dashboard
    assert "تلفن اصلی" in dashboard and "/admin/settings/sitepages/portalsettings/" in dashboard
    PortalSettings.objects.update(
        university_name="دانشگاه علوم پزشکی اراک",
        phone="086-33690000",
        email="info@arakmu.ac.ir",
        address="اراک",
        office_hours="شنبه تا چهارشنبه",
    )
    assert "راه‌اندازی پرتال را کامل کنید" not in client.get("/admin/").content.decode()
