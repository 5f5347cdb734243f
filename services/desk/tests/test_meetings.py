"""Meetings: officials' meeting hours, refused proposals, scheduling, the one-answer rule,
the day-before reminder, and the meeting form that lists one unit's officials."""

import datetime as dt
import io

import jdatetime
import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale

from cms import sms
from cms.demo import ensure_translation
from cms.jalali import display_zone
from cms.working_calendar import WorkingCalendar
from services.desk import meetings
from services.desk.demo_meetings import load_meeting_hours
from services.desk.enums import MeetingStatus, RequestStatus
from services.desk.models import MeetingHours, MeetingProposal
from services.desk.models.staff import ensure_staff_group
from sitepages.models import Official
from sitepages.tests.factories import OfficeHoursFactory, OfficialFactory
from sla.models import CalendarDay

from .factories import DeskStaffFactory, ServiceRequestFactory

pytestmark = pytest.mark.django_db

BASE = "/admin/desk/requests"
MONDAY, THURSDAY, FRIDAY = 0, 3, 4


def next_day(weekday, after=2):
    """The next working ``weekday`` at least ``after`` days ahead (no holiday)."""
    calendar = WorkingCalendar.load()
    day = timezone.localdate() + dt.timedelta(days=after)
    while day.weekday() != weekday or (
        weekday != FRIDAY and calendar.holiday_name(day) is not None
    ):
        day += dt.timedelta(days=1)
    return day


def jalali(day):
    value = jdatetime.date.fromgregorian(date=day)
    return f"{value.year}/{value.month:02d}/{value.day:02d}"


def at(day, hour, minute=0):
    return dt.datetime.combine(day, dt.time(hour, minute), display_zone())


@pytest.fixture
def official(units):
    official = OfficialFactory(
        page=units["welfare-office"], head=True, name="دکتر رضایی", post="مدیر رفاه"
    )
    MeetingHours.objects.create(
        official=official, weekday=MONDAY, starts=dt.time(9), ends=dt.time(11)
    )
    return official


@pytest.fixture
def meeting(units, official):
    return ServiceRequestFactory(
        unit=units["welfare-office"], meeting=True, official=official, language="fa"
    )


def open_request(client, service_request):
    """The citizen opens the request at /track/ with its code and mobile."""
    client.post(
        "/track/", {"code": service_request.tracking_code, "mobile": service_request.mobile}
    )


def propose(client, meeting, day, time):
    return client.post(
        f"{BASE}/meeting/{meeting.pk}/",
        {"date": jalali(day), "time": time, "official_name": "دکتر رضایی", "location": "اتاق ۲"},
    )


def test_a_proposal_within_the_officials_hours_is_sent(
    client, meeting, welfare_staff, django_capture_on_commit_callbacks
):
    client.force_login(welfare_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = propose(client, meeting, next_day(MONDAY), "09:30")
    assert response.status_code == 302
    proposal = meeting.meeting_proposals.get()
    assert proposal.status == MeetingStatus.PROPOSED
    # The citizen wrote in Persian: the time is in Persian digits.
    assert any("۰۹:۳۰" in message.body for message in sms.outbox)
    assert not any("09:30" in message.body for message in sms.outbox)


@pytest.mark.parametrize(
    ("day", "time", "field_text"),
    [
        # Monday, but after the official's 9-11 slot (the unit is still open).
        (lambda: next_day(MONDAY), "12:00", "فقط در این زمان‌های ملاقات"),
        # Thursday 17:00: the offices closed at 11.
        (lambda: next_day(THURSDAY), "17:00", "بیرون از ساعت‌های کاری"),
        # Friday: no office works.
        (lambda: next_day(FRIDAY), "10:00", "تعطیل است"),
        # Yesterday.
        (lambda: timezone.localdate() - dt.timedelta(days=1), "10:00", "زمانی در آینده"),
    ],
)
def test_proposals_outside_hours_closed_days_or_past_are_refused(
    client, meeting, welfare_staff, day, time, field_text
):
    client.force_login(welfare_staff)
    response = propose(client, meeting, day(), time)
    assert response.status_code == 200
    assert field_text in response.content.decode()
    assert not MeetingProposal.objects.exists()
    assert sms.outbox == []


def test_a_proposal_on_an_editors_holiday_is_refused(client, meeting, welfare_staff):
    day = next_day(MONDAY)
    CalendarDay.objects.create(date=day, name="تعطیلی ویژهٔ دانشگاه")
    client.force_login(welfare_staff)
    response = propose(client, meeting, day, "09:30")
    body = response.content.decode()
    assert "تعطیلی ویژهٔ دانشگاه" in body and "روز کاری" in body
    assert not MeetingProposal.objects.exists()


def test_the_units_own_office_hours_bound_the_proposal(client, units, welfare_staff):
    unit = units["welfare-office"]
    OfficeHoursFactory(page=unit, weekday=MONDAY, opens=dt.time(8), closes=dt.time(10))
    plain = ServiceRequestFactory(unit=unit, meeting=True)  # no structured official hours
    client.force_login(welfare_staff)
    assert propose(client, plain, next_day(MONDAY), "10:30").status_code == 200
    assert propose(client, plain, next_day(1), "09:00").status_code == 200  # Tuesday closed
    assert not MeetingProposal.objects.exists()
    assert propose(client, plain, next_day(MONDAY), "09:00").status_code == 302


def test_accepting_schedules_the_request_with_the_date(meeting, welfare_staff):
    proposal = meetings.propose_meeting(
        meeting, user=welfare_staff, starts_at=at(next_day(MONDAY), 10), official_name="دکتر رضایی"
    )
    meetings.respond_to_meeting(meeting, proposal.pk, accept=True)
    meeting.refresh_from_db()
    assert meeting.status == RequestStatus.SCHEDULED
    change = meeting.status_changes.order_by("-at", "-pk").first()
    assert change.to_status == RequestStatus.SCHEDULED
    assert "۱۰:۰۰" in change.reason and "دکتر رضایی" in change.reason
    assert meetings.scheduled_meeting(meeting) == proposal


def test_the_citizen_sees_the_scheduled_meeting(client, meeting, welfare_staff):
    proposal = meetings.propose_meeting(
        meeting, user=welfare_staff, starts_at=at(next_day(MONDAY), 10), official_name="دکتر رضایی"
    )
    open_request(client, meeting)
    client.post("/track/request/meeting/", {"proposal": proposal.pk, "decision": "accept"})
    page = client.get("/track/request/").content.decode()
    assert "ملاقات تعیین شد" in page


def test_a_confirmed_time_schedules_at_once(meeting, welfare_staff):
    meetings.propose_meeting(
        meeting,
        user=welfare_staff,
        starts_at=at(next_day(MONDAY), 9, 15),
        official_name="دکتر رضایی",
        confirmed=True,
    )
    meeting.refresh_from_db()
    assert meeting.status == RequestStatus.SCHEDULED


@pytest.mark.parametrize("first", [True, False])
def test_a_declined_or_cancelled_proposal_cannot_be_answered_again(
    client, meeting, welfare_staff, first
):
    day = next_day(MONDAY)
    proposal = meetings.propose_meeting(
        meeting, user=welfare_staff, starts_at=at(day, 10), official_name="دکتر رضایی"
    )
    if first:
        meetings.respond_to_meeting(meeting, proposal.pk, accept=False)
    else:  # a newer time cancels it
        meetings.propose_meeting(
            meeting, user=welfare_staff, starts_at=at(day, 9), official_name="دکتر رضایی"
        )
    open_request(client, meeting)
    response = client.post(
        "/track/request/meeting/", {"proposal": proposal.pk, "decision": "accept"}, follow=True
    )
    assert "دیگر نمی‌توان به این زمان ملاقات پاسخ داد" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status in (MeetingStatus.DECLINED, MeetingStatus.CANCELLED)
    meeting.refresh_from_db()
    assert meeting.status != RequestStatus.SCHEDULED


def test_a_new_time_takes_a_scheduled_request_back_to_work(meeting, welfare_staff):
    day = next_day(MONDAY)
    first = meetings.propose_meeting(
        meeting, user=welfare_staff, starts_at=at(day, 10), official_name="دکتر رضایی"
    )
    meetings.respond_to_meeting(meeting, first.pk, accept=True)
    meetings.propose_meeting(
        meeting, user=welfare_staff, starts_at=at(day, 9), official_name="دکتر رضایی"
    )
    meeting.refresh_from_db()
    first.refresh_from_db()
    assert meeting.status == RequestStatus.IN_PROGRESS
    assert first.status == MeetingStatus.CANCELLED


# The reminder


def agreed(meeting, starts_at, status=MeetingStatus.ACCEPTED):
    return MeetingProposal.objects.create(
        request=meeting, starts_at=starts_at, official_name="دکتر رضایی", status=status
    )


def test_desk_remind_texts_tomorrows_meetings_once(meeting):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    soon = agreed(meeting, at(tomorrow, 10))
    agreed(meeting, at(tomorrow + dt.timedelta(days=1), 10))  # the day after: not yet
    agreed(meeting, at(tomorrow, 11), status=MeetingStatus.DECLINED)
    call_command("desk_remind", stdout=None)
    call_command("desk_remind", stdout=None)
    assert len(sms.outbox) == 1
    assert sms.outbox[0].to == meeting.mobile
    assert "فردا" in sms.outbox[0].body
    soon.refresh_from_db()
    assert soon.reminded_at is not None


def test_desk_remind_retries_when_the_gateway_failed(meeting, monkeypatch):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    proposal = agreed(meeting, at(tomorrow, 10), status=MeetingStatus.CONFIRMED)
    with monkeypatch.context() as patch:

        def down(self, messages):
            raise sms.SmsError("gateway down")

        patch.setattr(sms.LocmemBackend, "send_messages", down)
        assert meetings.send_reminders() == 0
    proposal.refresh_from_db()
    assert proposal.reminded_at is None
    assert meetings.send_reminders() == 1
    assert len(sms.outbox) == 1


def test_no_reminder_for_a_finished_request(units):
    done = ServiceRequestFactory(unit=units["welfare-office"], meeting=True, withdrawn=True)
    agreed(done, at(timezone.localdate() + dt.timedelta(days=1), 10))
    assert meetings.send_reminders() == 0


# The citizen's form: one unit's officials


@pytest.fixture
def two_units(units):
    OfficialFactory(page=units["welfare-office"], head=True, name="دکتر رضایی", post="مدیر")
    OfficialFactory(page=units["health-deputy"], head=True, name="دکتر کریمی", post="معاون")
    return units


def test_the_form_lists_units_first_and_then_one_units_officials(client, two_units):
    first = client.get("/desk/meeting/").content.decode()
    assert "دکتر رضایی" not in first and "دکتر کریمی" not in first
    assert two_units["welfare-office"].title in first
    chosen = client.get(f"/desk/meeting/?unit={two_units['health-deputy'].pk}").content.decode()
    assert "دکتر کریمی" in chosen and "دکتر رضایی" not in chosen


def test_the_form_shows_structured_meeting_hours(client, units, official):
    page = client.get(f"/desk/meeting/?unit={units['welfare-office'].pk}").content.decode()
    assert "دوشنبه ۰۹:۰۰ تا ۱۱:۰۰" in page


@pytest.mark.parametrize("query", ["unit=abc", "unit=999999", "unit=1&x=2", "utm=1"])
def test_malformed_or_unknown_parameters_are_a_persian_400(client, two_units, query):
    response = client.get(f"/desk/meeting/?{query}")
    assert response.status_code == 400
    assert "نشانی" in response.content.decode()


def test_an_official_of_another_unit_is_refused_beside_the_field(client, two_units):
    other = two_units["health-deputy"].officials.get()
    response = client.post(
        "/desk/meeting/",
        {
            "name": "سعید عباسی",
            "mobile": "09121234567",
            "unit": two_units["welfare-office"].pk,
            "official": other.pk,
            "preferred_days": ["0"],
            "subject": "دیدار",
            "body": "گفت‌وگو",
        },
    )
    assert response.status_code == 200
    assert 'id="id_official_error"' in response.content.decode()
    assert "سعید عباسی" in response.content.decode()


# Meeting hours in the admin: fenced by unit


def test_staff_keep_the_meeting_hours_of_their_own_units_only(client, units, official):
    it_staff = DeskStaffFactory(unit=units["it-statistics"]).user
    group = ensure_staff_group()
    it_staff.groups.add(group)
    hours = MeetingHours.objects.get()
    client.force_login(it_staff)
    assert client.get(f"/admin/desk/meeting-hours/edit/{hours.pk}/").status_code == 404
    listing = client.get("/admin/desk/meeting-hours/").content.decode()
    assert "دکتر رضایی" not in listing
    welfare = DeskStaffFactory(unit=units["welfare-office"]).user
    welfare.groups.add(group)
    client.force_login(welfare)
    assert client.get(f"/admin/desk/meeting-hours/edit/{hours.pk}/").status_code == 200
    response = client.post(
        "/admin/desk/meeting-hours/create/",
        {"official": official.pk, "weekday": "6", "starts": "10:00", "ends": "09:00"},
    )
    assert response.status_code == 200
    assert MeetingHours.objects.count() == 1


def test_the_english_form_shows_the_canonical_officials_hours(client, units, official):
    en_page = ensure_translation(
        units["welfare-office"], Locale.objects.get(language_code="en"), title="Welfare"
    )
    Official.objects.filter(page=en_page).delete()
    Official.objects.create(
        page=en_page,
        name="Dr Rezaei",
        post="Head",
        accepts_meetings=True,
        sort_order=official.sort_order,
    )
    page = client.get(f"/en/desk/meeting/?unit={en_page.pk}").content.decode()
    assert "Dr Rezaei" in page and "Monday 09:00 to 11:00" in page


def test_demo_meeting_hours_are_read_from_the_meeting_times(units):
    official = OfficialFactory(
        page=units["health-deputy"], head=True, meeting_times="دوشنبه‌ها ساعت ۹ تا ۱۱"
    )
    load_meeting_hours(io.StringIO())
    load_meeting_hours(io.StringIO())
    (slot,) = MeetingHours.objects.filter(official=official)
    assert (slot.weekday, slot.starts, slot.ends) == (MONDAY, dt.time(9), dt.time(11))
