"""The back-office fence, attacked once for every staff listing built on cms.backoffice.

Each case is a listing (desk requests, loan applications, the tickets of the example
plugin cms/tests/testplugin) with an object of one unit (the victim's) and staff of another unit (the
attacker). From the attacker's side: every route about the victim's object is 404 or
403 and changes nothing; the listing and its export do not show it; parameters the
listing does not declare (the password-hash oracle, a regex, ``foo``) and malformed
values of declared ones are a 400 page in Persian that lists nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission

pytestmark = pytest.mark.django_db

SECRET = "رازِ واحد دیگر"


@dataclass
class Case:
    index: str
    victim: object
    attacker: object  # staff of another unit
    lister: object  # a user allowed to use this listing (for the parameter attacks)
    own_text: str  # shown to the lister in the listing when it works
    get_routes: list[str] = field(default_factory=list)
    post_routes: list[str] = field(default_factory=list)
    oracles: list[dict] = field(default_factory=list)
    malformed: list[dict] = field(default_factory=list)
    declared: list[dict] = field(default_factory=list)
    unchanged: callable = None


def _routes(base, pk, names):
    return [f"{base}/{name}/{pk}/" for name in names]


def desk_case(home_page):
    from services.desk.enums import RequestStatus
    from services.desk.tests.factories import DeskStaffFactory, ServiceRequestFactory, make_units

    units = make_units(home_page)
    victim = ServiceRequestFactory(unit=units["it-statistics"], subject=SECRET, name=SECRET)
    ServiceRequestFactory(unit=units["welfare-office"], subject="درخواست خودی")
    attacker = DeskStaffFactory(unit=units["welfare-office"], manager=True).user
    base = "/admin/desk/requests"
    pk = victim.pk
    return Case(
        index=f"{base}/",
        victim=victim,
        attacker=attacker,
        lister=attacker,
        own_text="درخواست خودی",
        get_routes=[
            *_routes(base, pk, ["inspect", "edit", "history", "delete"]),
            f"{base}/download/{pk}/1/",
        ],
        post_routes=[
            *_routes(base, pk, ["reply", "note", "transition", "assign", "meeting"]),
            f"{base}/resend-code/{pk}/",
            f"{base}/edit/{pk}/",
            f"{base}/delete/{pk}/",
        ],
        oracles=[
            {"assigned_to__groups__user__password__startswith": "pbkdf2"},
            {"unit__content_type__pages__unitpage__desk_requests__mobile__startswith": "09"},
        ],
        malformed=[
            {"status__exact": "bogus"},
            {"deadline": "yesterday"},
            {"unit__id__exact": "abc"},
        ],
        declared=[{"status__exact": "new"}, {"deadline": "overdue"}],
        unchanged=lambda: (
            type(victim).objects.get(pk=pk).status == RequestStatus.NEW
            and not type(victim).objects.get(pk=pk).assigned_to_id
        ),
    )


def meeting_hours_case(home_page):
    import datetime as dt

    from services.desk.models import MeetingHours
    from services.desk.tests.factories import DeskStaffFactory, make_units
    from sitepages.tests.factories import OfficialFactory

    units = make_units(home_page)
    theirs = OfficialFactory(page=units["it-statistics"], head=True, name=SECRET)
    ours = OfficialFactory(page=units["welfare-office"], head=True, name="مسئول خودی")
    victim = MeetingHours.objects.create(
        official=theirs, weekday=0, starts=dt.time(9), ends=dt.time(11)
    )
    MeetingHours.objects.create(official=ours, weekday=5, starts=dt.time(9), ends=dt.time(11))
    attacker = DeskStaffFactory(unit=units["welfare-office"], manager=True).user
    base = "/admin/desk/meeting-hours"
    pk = victim.pk
    return Case(
        index=f"{base}/",
        victim=victim,
        attacker=attacker,
        lister=attacker,
        own_text="مسئول خودی",
        get_routes=_routes(base, pk, ["edit", "delete", "history"]),
        post_routes=[f"{base}/edit/{pk}/", f"{base}/delete/{pk}/"],
        oracles=[{"official__page__desk_requests__mobile__startswith": "09"}],
        malformed=[{"weekday__exact": "x"}],
        declared=[{"weekday__exact": "5"}],
        unchanged=lambda: MeetingHours.objects.filter(pk=pk, weekday=0).exists(),
    )


def loans_case(home_page):
    from services.loans.enums import LoanStage, Role
    from services.loans.tests.factories import LoanApplicationFactory, make_staff

    victim = LoanApplicationFactory(full_name=SECRET)
    LoanApplicationFactory(full_name="متقاضی خودی")
    # Staff of another unit, even holding the model's view permission, but no loans role.
    attacker = make_staff(None, username="other-unit")
    attacker.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="loans", codename="view_loanapplication"),
    )
    base = "/admin/loans/applications"
    pk = victim.pk
    return Case(
        index=f"{base}/",
        victim=victim,
        attacker=attacker,
        lister=make_staff(Role.WELFARE_EXPERT, username="expert"),
        own_text="متقاضی خودی",
        get_routes=[
            *_routes(base, pk, ["inspect", "edit", "history", "delete"]),
            f"{base}/download/{pk}/1/",
        ],
        post_routes=[f"{base}/move/{pk}/{LoanStage.UNDER_REVIEW}/", f"{base}/edit/{pk}/"],
        oracles=[
            {"view_logs__user__password__startswith": "pbkdf2"},
            {"stage_changes__user__password__startswith": "pbkdf2"},
        ],
        malformed=[{"stage": "bogus"}, {"loan_type__id__exact": "abc"}, {"faculty__exact": "x"}],
        declared=[{"stage": LoanStage.SUBMITTED}],
        unchanged=lambda: type(victim).objects.get(pk=pk).stage == LoanStage.SUBMITTED,
    )


def sample_plugin_case(home_page):
    """The example plugin of README's "Writing a plugin" (cms/tests/testplugin)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cms.tests.testplugin.factories import TicketFactory, make_staff
    from cms.tests.testplugin.models import Status, Ticket, TicketFile
    from cms.uploads import PDF
    from sitepages.factories import make_units

    units = make_units(home_page)
    victim = TicketFactory(unit=units["it-statistics"], text=SECRET)
    secret_file = TicketFile(ticket=victim)
    secret_file.store(SimpleUploadedFile("secret.pdf", b"%PDF-1.4 " + SECRET.encode()), PDF)
    own = TicketFactory(unit=units["welfare-office"])
    attacker = make_staff(units["welfare-office"], "attacker")
    base = "/admin/testplugin/tickets"
    pk = victim.pk
    return Case(
        index=f"{base}/",
        victim=victim,
        attacker=attacker,
        lister=attacker,
        own_text=own.code,
        get_routes=[
            *_routes(base, pk, ["inspect", "edit", "history", "delete"]),
            f"{base}/download/{pk}/{secret_file.pk}/",
        ],
        post_routes=[*_routes(base, pk, ["close", "edit", "delete"])],
        oracles=[
            {"mobile__startswith": "09"},
            {"changes__user__password__startswith": "pbkdf2"},
        ],
        malformed=[{"status__exact": "maybe"}],
        declared=[{"status__exact": Status.NEW}],
        unchanged=lambda: Ticket.objects.filter(pk=pk, status=Status.NEW, text=SECRET).exists(),
    )


def chat_case(home_page):
    from services.chat.admin.setup import make_official
    from services.chat.enums import ChatState
    from services.chat.tests.factories import ChatSessionFactory, UserFactory, make_units

    units = make_units(home_page)
    victim = ChatSessionFactory(unit=units["it-statistics"], name=SECRET, state=ChatState.ENDED)
    ChatSessionFactory(unit=units["welfare-office"], name="گفت‌وگوی خودی", state=ChatState.ENDED)
    attacker = UserFactory()
    make_official(attacker, units["welfare-office"], manager=True)
    base = "/admin/chat/transcripts"
    pk = victim.pk
    return Case(
        index=f"{base}/",
        victim=victim,
        attacker=attacker,
        lister=attacker,
        own_text="گفت‌وگوی خودی",
        get_routes=_routes(base, pk, ["inspect", "edit", "history", "delete"]),
        post_routes=[f"{base}/edit/{pk}/", f"{base}/delete/{pk}/"],
        oracles=[
            {"official__password__startswith": "pbkdf2"},
            {"messages__body__contains": "سلام"},
        ],
        malformed=[{"state__exact": "bogus"}, {"unit__id__exact": "abc"}],
        declared=[{"state__exact": ChatState.ENDED}],
        unchanged=lambda: type(victim).objects.filter(pk=pk, name=SECRET).exists(),
    )


CASES = {
    "desk": ("services.desk", desk_case),
    "desk-meeting-hours": ("services.desk", meeting_hours_case),
    "loans": ("services.loans", loans_case),
    "testplugin": ("cms.tests.testplugin", sample_plugin_case),  # README's example
    "chat": ("services.chat", chat_case),
}


@pytest.fixture(params=list(CASES))
def case(request, home_page, units):
    """``units``: the cases' ``make_units`` find the module's shared units made."""
    app, build = CASES[request.param]
    if not apps.is_installed(app):
        pytest.skip(f"{app} is switched off")
    return build(home_page)


def _assert_400_in_persian(response, case):
    assert response.status_code == 400
    body = response.content.decode()
    assert '<html lang="fa" dir="rtl"' in body  # the admin's page, in Persian
    assert "این نشانی" in body  # the Persian page says what is wrong
    assert SECRET not in body and case.own_text not in body  # lists nothing


def _assert_refused(response, url):
    """404 as if absent, 403, or Wagtail's way of saying 403: back to the dashboard."""
    if response.status_code == 302:
        assert response["Location"] == "/admin/", url
    else:
        assert response.status_code in (403, 404, 405), url
        assert SECRET not in response.content.decode()


def test_every_route_about_another_units_object_is_closed(client, case):
    client.force_login(case.attacker)
    for url in case.get_routes:
        _assert_refused(client.get(url), url)
    for url in case.post_routes:
        _assert_refused(client.post(url, {"body": "x", "text": "x", "done": "on"}), url)
    assert case.unchanged()


def test_the_listing_and_its_export_keep_the_fence(client, case):
    client.force_login(case.attacker)
    listing = client.get(case.index)
    assert listing.status_code in (200, 302, 403)
    assert SECRET not in listing.content.decode()
    export = client.get(case.index, {"export": "csv"})
    assert export.status_code in (200, 302, 403)
    content = b"".join(export.streaming_content) if export.streaming else export.content
    assert SECRET not in content.decode("utf-8", "replace")
    # Its own unit's staff do see theirs: the fence is not merely an empty list.
    client.force_login(case.lister)
    assert case.own_text in client.get(case.index).content.decode()


def test_only_declared_listing_parameters_are_accepted(client, case):
    client.force_login(case.lister)
    attacks = [
        *case.oracles,
        {"body__regex": "(a+)+$"},
        {"foo": "1"},
        {"o": "abc"},
        {"p": "x"},
        {"export": "pdf"},
        *case.malformed,
    ]
    for params in attacks:
        _assert_400_in_persian(client.get(case.index, params), case)
    # The yes/no oracle gives the same answer whatever the guess.
    for params in case.oracles:
        (name,) = params
        wrong = client.get(case.index, {name: "zzzz"})
        assert wrong.status_code == 400
    # Declared parameters still work.
    for params in [{"q": "x"}, {"o": "1"}, {"p": "1"}, *case.declared]:
        assert client.get(case.index, params).status_code == 200, params
    assert case.own_text in client.get(case.index, {"o": "-1"}).content.decode()
