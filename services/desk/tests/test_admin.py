"""The staff's queue in the Wagtail admin, and the fence around every route."""

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone

from cms import sms
from services.desk.enums import MessageKind, RequestStatus, ViewAction
from services.desk.models import Attachment, RequestMessage, RequestViewLog, ServiceRequest

from .conftest import PDF_BYTES
from .factories import DeskStaffFactory, ServiceRequestFactory, UserFactory
from .test_meetings import next_day

pytestmark = pytest.mark.django_db

BASE = "/admin/desk/requests"


@pytest.fixture
def welfare_request(units):
    return ServiceRequestFactory(
        unit=units["welfare-office"], subject="درخواست وام ضروری", name="مریم احمدی"
    )


@pytest.fixture
def it_request(units):
    return ServiceRequestFactory(
        unit=units["it-statistics"], subject="مشکل رایانامه", name="رضا محمدی"
    )


def attach(service_request):
    attachment = Attachment(
        request=service_request,
        original_name="مدرک.pdf",
        kind="pdf",
        size=len(PDF_BYTES),
        sha256="0" * 64,
    )
    attachment.file.save("x.pdf", ContentFile(PDF_BYTES), save=False)
    attachment.save()
    return attachment


def test_staff_see_only_their_units_queue(client, welfare_staff, welfare_request, it_request):
    client.force_login(welfare_staff)
    response = client.get(f"{BASE}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "درخواست وام ضروری" in body
    assert "مشکل رایانامه" not in body


def test_superusers_see_every_queue(client, welfare_request, it_request):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    body = client.get(f"{BASE}/").content.decode()
    assert "درخواست وام ضروری" in body and "مشکل رایانامه" in body


def test_a_user_without_membership_cannot_list(client, welfare_request):
    from services.desk.models.staff import ensure_staff_group

    outsider = UserFactory()
    outsider.groups.add(ensure_staff_group())
    client.force_login(outsider)
    assert client.get(f"{BASE}/").status_code in (302, 403)


@pytest.mark.parametrize(
    ("route", "method"),
    [
        ("inspect/{pk}/", "get"),
        ("edit/{pk}/", "get"),
        ("edit/{pk}/", "post"),
        ("history/{pk}/", "get"),
        ("delete/{pk}/", "get"),
        ("delete/{pk}/", "post"),
        ("reply/{pk}/", "post"),
        ("note/{pk}/", "post"),
        ("transition/{pk}/", "post"),
        ("assign/{pk}/", "post"),
        ("meeting/{pk}/", "post"),
        ("download/{pk}/{attachment}/", "get"),
    ],
)
def test_another_units_staff_get_404_on_every_route_of_a_request(
    client, it_staff, welfare_request, route, method
):
    attachment = attach(welfare_request)
    client.force_login(it_staff)
    url = f"{BASE}/" + route.format(pk=welfare_request.pk, attachment=attachment.pk)
    data = {"body": "x", "to_status": "answered", "reason": "x", "assignee": it_staff.pk}
    response = getattr(client, method)(url, data)
    assert response.status_code == 404
    welfare_request.refresh_from_db()
    assert welfare_request.status == RequestStatus.NEW
    assert not RequestMessage.objects.filter(request=welfare_request).exists()
    assert not RequestViewLog.objects.filter(request=welfare_request).exists()


def test_the_same_routes_work_for_the_units_own_staff(client, welfare_staff, welfare_request):
    attachment = attach(welfare_request)
    client.force_login(welfare_staff)
    pk = welfare_request.pk
    inspect = client.get(f"{BASE}/inspect/{pk}/")
    assert inspect.status_code == 200
    assert "no-store" in inspect["Cache-Control"] and "private" in inspect["Cache-Control"]
    assert client.get(f"{BASE}/edit/{pk}/").status_code == 200
    assert client.get(f"{BASE}/history/{pk}/").status_code == 200
    download = client.get(f"{BASE}/download/{pk}/{attachment.pk}/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    # Deleting what a citizen sent is not possible, even for the unit.
    # (Wagtail answers a permission refusal with a redirect to the dashboard.)
    assert client.get(f"{BASE}/delete/{pk}/").status_code in (302, 403)
    assert client.post(f"{BASE}/delete/{pk}/").status_code in (302, 403)
    assert ServiceRequest.objects.filter(pk=pk).exists()
    actions = set(
        RequestViewLog.objects.filter(request=welfare_request).values_list("action", flat=True)
    )
    assert actions == {ViewAction.INSPECT, ViewAction.EDIT, ViewAction.HISTORY, ViewAction.DOWNLOAD}


def test_search_and_filters_stay_inside_the_fence(
    client, welfare_staff, welfare_request, it_request
):
    client.force_login(welfare_staff)
    code = it_request.tracking_code
    body = client.get(f"{BASE}/", {"q": code}).content.decode()
    assert "مشکل رایانامه" not in body
    own = welfare_request.tracking_code
    persian = f"{own[:4]}-{own[4:8]}-{own[8:]}".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    body = client.get(f"{BASE}/", {"q": persian}).content.decode()
    assert "درخواست وام ضروری" in body
    body = client.get(f"{BASE}/", {"q": "مريم"}).content.decode()  # Arabic ي
    assert "درخواست وام ضروری" in body
    body = client.get(f"{BASE}/", {"unit__id__exact": it_request.unit_id}).content.decode()
    assert "مشکل رایانامه" not in body
    body = client.get(f"{BASE}/", {"status__exact": "new"}).content.decode()
    assert "درخواست وام ضروری" in body and "مشکل رایانامه" not in body


def test_the_overdue_filter_and_highlight(client, welfare_staff, units):
    late = ServiceRequestFactory(unit=units["welfare-office"], overdue=True, subject="دیرکرد")
    ServiceRequestFactory(unit=units["welfare-office"], subject="به‌موقع")
    client.force_login(welfare_staff)
    body = client.get(f"{BASE}/", {"deadline": "overdue"}).content.decode()
    assert "دیرکرد" in body and "به‌موقع" not in body
    assert 'class="desk-overdue' in body and f'data-object-pk="{late.pk}"' in body


def test_export_is_fenced_logged_and_safe_in_a_spreadsheet(
    client, welfare_staff, units, it_request
):
    evil = ServiceRequestFactory(
        unit=units["welfare-office"], subject='=HYPERLINK("http://x")', name="+cmd"
    )
    client.force_login(welfare_staff)
    response = client.get(f"{BASE}/", {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    assert "مشکل رایانامه" not in content
    assert "'=HYPERLINK" in content and "'+cmd" in content
    assert RequestViewLog.objects.filter(request=evil, action=ViewAction.EXPORT).exists()
    assert not RequestViewLog.objects.filter(request=it_request).exists()
    xlsx = client.get(f"{BASE}/", {"export": "xlsx"})
    assert xlsx.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(b"".join(xlsx.streaming_content))).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    formulas = [cell for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    assert not formulas and any("HYPERLINK" in str(v) for v in values)


def test_bulk_actions_touch_only_the_units_requests(
    client, welfare_staff, welfare_request, it_request
):
    client.force_login(welfare_staff)
    response = client.post(
        f"{BASE}/bulk/",
        {"action": "in_progress", "ids": [welfare_request.pk, it_request.pk], "next": f"{BASE}/"},
    )
    assert response.status_code == 302
    welfare_request.refresh_from_db()
    it_request.refresh_from_db()
    assert welfare_request.status == RequestStatus.IN_PROGRESS
    assert it_request.status == RequestStatus.NEW
    client.post(f"{BASE}/bulk/", {"action": "assign_me", "ids": [it_request.pk]})
    it_request.refresh_from_db()
    assert it_request.assigned_to is None


def test_reply_and_mark_answered_notifies_the_citizen(
    client, welfare_staff, welfare_request, django_capture_on_commit_callbacks
):
    client.force_login(welfare_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{BASE}/reply/{welfare_request.pk}/",
            {"body": "وام شما تأیید شد.", "then": "answered"},
        )
    assert response.status_code == 302
    welfare_request.refresh_from_db()
    assert welfare_request.status == RequestStatus.ANSWERED
    assert welfare_request.first_replied_at and welfare_request.answered_in_time is True
    assert RequestMessage.objects.get(request=welfare_request).kind == MessageKind.REPLY
    assert any("وام شما تأیید شد." in m.body for m in mail.outbox)
    assert sms.outbox and sms.outbox[-1].to == welfare_request.mobile
    # simple-history knows who did it.
    record = welfare_request.history.filter(status="answered").first()
    assert record.history_user == welfare_staff


def test_notes_stay_internal_and_transitions_follow_the_table(
    client, welfare_staff, welfare_request
):
    client.force_login(welfare_staff)
    pk = welfare_request.pk
    client.post(f"{BASE}/note/{pk}/", {"body": "تماس گرفته شود"})
    assert RequestMessage.objects.get(request=welfare_request).kind == MessageKind.NOTE
    # Rejecting needs a reason, shown next to the field.
    response = client.post(f"{BASE}/transition/{pk}/", {"to_status": "rejected", "reason": ""})
    assert response.status_code == 200 and "علت رد درخواست را بنویسید" in response.content.decode()
    # "closed" is not reachable from "new": not even offered.
    client.post(f"{BASE}/transition/{pk}/", {"to_status": "closed"})
    welfare_request.refresh_from_db()
    assert welfare_request.status == RequestStatus.NEW
    client.post(f"{BASE}/transition/{pk}/", {"to_status": "rejected", "reason": "خارج از حیطه"})
    welfare_request.refresh_from_db()
    assert welfare_request.status == RequestStatus.REJECTED
    assert welfare_request.rejection_reason == "خارج از حیطه"


def test_assignment_only_to_the_units_staff(
    client, welfare_staff, it_staff, welfare_request, units
):
    colleague = DeskStaffFactory(unit=units["welfare-office"]).user
    client.force_login(welfare_staff)
    client.post(f"{BASE}/assign/{welfare_request.pk}/", {"assignee": it_staff.pk})
    welfare_request.refresh_from_db()
    assert welfare_request.assigned_to is None
    client.post(f"{BASE}/assign/{welfare_request.pk}/", {"assignee": colleague.pk})
    welfare_request.refresh_from_db()
    assert welfare_request.assigned_to == colleague


def test_meeting_time_proposed_in_jalali(client, welfare_staff, units):
    import jdatetime

    meeting = ServiceRequestFactory(unit=units["welfare-office"], meeting=True)
    client.force_login(welfare_staff)
    # A working Monday: proposals on closed days or holidays are refused (test_meetings).
    day = jdatetime.date.fromgregorian(date=next_day(0))
    client.post(
        f"{BASE}/meeting/{meeting.pk}/",
        {
            "date": f"{day.year}/{day.month:02d}/{day.day:02d}".translate(
                str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
            ),
            "time": "10:30",
            "official_name": "دکتر رضایی",
            "location": "ساختمان مرکزی",
        },
    )
    proposal = meeting.meeting_proposals.get()
    local = timezone.localtime(proposal.starts_at)
    assert (local.hour, local.minute) == (10, 30)
    assert proposal.status == "proposed"


def test_edit_changes_only_service_and_assignment(client, welfare_staff, welfare_request, service):
    client.force_login(welfare_staff)
    response = client.post(
        f"{BASE}/edit/{welfare_request.pk}/",
        {
            "service": service.pk,
            "assigned_to": welfare_staff.pk,
            "status": "closed",
            "subject": "hacked",
            "mobile": "09350000000",
        },
    )
    assert response.status_code == 302
    welfare_request.refresh_from_db()
    assert welfare_request.service == service and welfare_request.assigned_to == welfare_staff
    assert welfare_request.status == RequestStatus.NEW
    assert (
        welfare_request.subject == "درخواست وام ضروری" and welfare_request.mobile != "09350000000"
    )


def test_the_inspect_screen_shows_jalali_dates_and_the_work_forms(
    client, welfare_staff, welfare_request
):
    client.force_login(welfare_staff)
    body = client.get(f"{BASE}/inspect/{welfare_request.pk}/").content.decode()
    assert "پاسخ به شهروند" in body and "یادداشت داخلی" in body
    assert "۱۴" in body  # Jalali year in Persian digits


def test_the_menu_shows_the_desk_only_to_desk_users(client, welfare_staff):
    from services.desk.models.staff import ensure_staff_group

    client.force_login(welfare_staff)
    assert f"{BASE}/" in client.get("/admin/").content.decode()
    editor = UserFactory()
    editor.groups.add(ensure_staff_group())  # admin access, no unit
    client.force_login(editor)
    assert f"{BASE}/" not in client.get("/admin/").content.decode()


def test_staff_admin_lists_only_own_units_for_non_superusers(client, welfare_staff, it_staff):
    assert ServiceRequest.objects.count() == 0
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    body = client.get("/admin/desk/staff/").content.decode()
    assert welfare_staff.username in body and it_staff.username in body


def test_a_manager_cannot_add_anyone_to_another_unit(client, units, welfare_manager):
    from django.contrib.auth.models import Permission

    from services.desk.models import DeskStaff

    welfare_manager.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="desk", codename__in=["view_deskstaff", "add_deskstaff"]
        )
    )
    client.force_login(welfare_manager)
    response = client.post(
        "/admin/desk/staff/create/",
        {"user": welfare_manager.pk, "unit": units["it-statistics"].pk, "role": "expert"},
    )
    assert response.status_code == 200  # the form again, with its error
    assert not DeskStaff.objects.filter(user=welfare_manager, unit=units["it-statistics"]).exists()


def test_the_inspect_page_header_keeps_the_tracking_code_left_to_right(
    client, welfare_staff, welfare_request
):
    client.force_login(welfare_staff)
    body = client.get(f"{BASE}/inspect/{welfare_request.pk}/").content.decode()
    code = welfare_request.formatted_code
    assert f"\u2066{code}\u2069" in body  # in the header, not reversed by the RTL line


def test_a_staff_membership_opens_the_admin_until_the_last_one_is_removed(units):
    user = UserFactory()
    first = DeskStaffFactory(user=user, unit=units["welfare-office"])
    second = DeskStaffFactory(user=user, unit=units["it-statistics"])
    assert user.has_perm("wagtailadmin.access_admin")
    assert str(first).endswith(f"— {units['welfare-office']} (کارشناس)")
    first.delete()
    user = type(user).objects.get(pk=user.pk)  # permissions are cached on the object
    assert user.has_perm("wagtailadmin.access_admin")  # still staff of another unit
    second.delete()
    user = type(user).objects.get(pk=user.pk)
    assert not user.has_perm("wagtailadmin.access_admin")
