"""The transitions table, due dates on the working calendar, escalation, metrics,
history, and the desk's part in the plugin contract."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from cms.plugins import registry
from cms.working_calendar import WorkingCalendar
from services.desk import escalation, workflow
from services.desk.enums import (
    FINAL,
    TRANSITIONS,
    Actor,
    RequestStatus,
    allowed_targets,
    can_transition,
)

from .factories import DeskStaffFactory, ServiceRequestFactory

TEHRAN = ZoneInfo("Asia/Tehran")
S = RequestStatus


def test_the_table_names_only_real_statuses_and_actors():
    for (source, target), transition in TRANSITIONS.items():
        assert source in S.values and target in S.values and source != target
        assert transition.actors and transition.actors <= set(Actor.values)


def test_final_states_lead_nowhere_and_only_the_citizen_withdraws():
    for status in FINAL:
        for actor in Actor.values:
            assert allowed_targets(status, actor) == []
    for (_source, target), transition in TRANSITIONS.items():
        if target == S.WITHDRAWN:
            assert transition.actors == {Actor.CITIZEN}
        if target in (S.ANSWERED, S.REJECTED):
            assert transition.actors == {Actor.STAFF}


@pytest.mark.parametrize(
    ("source", "target", "actor", "allowed"),
    [
        (S.NEW, S.IN_PROGRESS, Actor.STAFF, True),
        (S.NEW, S.CLOSED, Actor.STAFF, False),
        (S.NEW, S.WITHDRAWN, Actor.STAFF, False),
        (S.WAITING, S.IN_PROGRESS, Actor.SYSTEM, True),
        (S.ANSWERED, S.IN_PROGRESS, Actor.STAFF, True),
        (S.ANSWERED, S.WITHDRAWN, Actor.CITIZEN, False),
        (S.CLOSED, S.IN_PROGRESS, Actor.STAFF, False),
        (S.IN_PROGRESS, S.ANSWERED, Actor.CITIZEN, False),
    ],
)
def test_can_transition(source, target, actor, allowed):
    assert can_transition(source, target, actor) is allowed


@pytest.mark.django_db
def test_change_status_refuses_what_the_table_does_not_allow(units):
    service_request = ServiceRequestFactory(unit=units["welfare-office"])
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.change_status(service_request, S.CLOSED, actor=Actor.STAFF)
    with pytest.raises(ValidationError):
        workflow.change_status(service_request, S.REJECTED, actor=Actor.STAFF, reason=" ")
    change = workflow.change_status(service_request, S.IN_PROGRESS, actor=Actor.STAFF)
    assert (change.from_status, change.to_status) == (S.NEW, S.IN_PROGRESS)
    service_request.refresh_from_db()
    assert service_request.status == S.IN_PROGRESS


def at(*args):
    return dt.datetime(*args, tzinfo=TEHRAN)


@pytest.mark.django_db
def test_due_date_follows_the_service_target_and_the_waiting_pause(units, service):
    calendar = WorkingCalendar(use_official_holidays=False)
    # Saturday 1403/04/09 (2024-06-29) 10:00; the service promises 5 working days.
    service_request = ServiceRequestFactory(
        unit=units["welfare-office"], service=service, submitted_at=at(2024, 6, 29, 10)
    )
    due = service_request.compute_due_at(calendar=calendar)
    # Sun, Mon, Tue, Wed, Thu (half day): due when offices close on Thursday.
    assert due == at(2024, 7, 4, 11, 0)
    # Waiting for the citizen from Sunday 09:00 to Tuesday 09:00 stops the clock.
    service_request.status_changes.create(
        from_status=S.NEW, to_status=S.WAITING, actor=Actor.STAFF, at=at(2024, 6, 30, 9)
    )
    assert service_request.compute_due_at(calendar=calendar) is None
    service_request.status_changes.create(
        from_status=S.WAITING, to_status=S.IN_PROGRESS, actor=Actor.SYSTEM, at=at(2024, 7, 2, 9)
    )
    assert service_request.pauses() == [(at(2024, 6, 30, 9), at(2024, 7, 2, 9))]
    assert service_request.compute_due_at(calendar=calendar) > due


@pytest.mark.django_db
def test_requests_without_a_service_use_the_default_target(units, settings):
    settings.DESK_DEFAULT_RESPONSE_TARGET = (3, "working_hours")
    calendar = WorkingCalendar(use_official_holidays=False)
    service_request = ServiceRequestFactory(
        unit=units["welfare-office"], submitted_at=at(2024, 6, 29, 10)
    )
    assert service_request.compute_due_at(calendar=calendar) == at(2024, 6, 29, 13)


@pytest.mark.django_db
def test_escalation_emails_the_managers_once_per_overdue_request(units):
    manager = DeskStaffFactory(unit=units["welfare-office"], manager=True).user
    DeskStaffFactory(unit=units["welfare-office"])  # an expert: not escalated to
    late = ServiceRequestFactory(unit=units["welfare-office"], overdue=True)
    ServiceRequestFactory(unit=units["welfare-office"])  # on time
    ServiceRequestFactory(unit=units["welfare-office"], overdue=True, status=S.ANSWERED)
    out = StringIO()
    call_command("desk_escalate", stdout=out)
    assert "Escalated 1" in out.getvalue()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [manager.email]
    # The managers' email is in Persian, whatever language the command runs in.
    assert mail.outbox[0].subject == f"درخواست دیرکرددار {late.formatted_code}"
    call_command("desk_escalate", stdout=StringIO())
    assert len(mail.outbox) == 1
    late.refresh_from_db()
    assert late.escalated_at is not None


@pytest.mark.django_db
def test_a_failed_escalation_is_retried_next_time(units, monkeypatch):
    DeskStaffFactory(unit=units["welfare-office"], manager=True)
    late = ServiceRequestFactory(unit=units["welfare-office"], overdue=True)

    def broken(*args, **kwargs):
        raise ConnectionError("smtp down")

    monkeypatch.setattr("services.desk.notify.send_mail", broken)
    assert escalation.escalate_overdue() == 0
    late.refresh_from_db()
    assert late.escalated_at is None
    monkeypatch.undo()
    assert escalation.escalate_overdue() == 1


@pytest.mark.django_db
def test_sla_metrics_per_service(units, service):
    now = timezone.now()
    start, end = now - dt.timedelta(days=60), now + dt.timedelta(days=1)
    ServiceRequestFactory(unit=units["welfare-office"], service=service, answered=True, rating=5)
    ServiceRequestFactory(unit=units["welfare-office"], service=service, answered=True, rating=3)
    ServiceRequestFactory(
        unit=units["welfare-office"],
        service=service,
        answered=True,
        answered_in_time=False,
        first_reply_working_hours=30.0,
    )
    ServiceRequestFactory(unit=units["welfare-office"], service=service, overdue=True)
    ServiceRequestFactory(unit=units["welfare-office"], service=service)  # not due yet
    metrics = {m.key: m for m in registry.sla_metrics(service.code, start, end)}
    assert metrics["answered_in_time"].value == 50.0  # 2 of 4 judged
    assert metrics["answered_in_time"].sample_size == 4
    assert metrics["answered_in_time"].is_met is False
    assert metrics["median_first_reply"].value == 7.0
    assert metrics["average_rating"].value == 4.0
    assert registry.sla_metrics("NOTHING", start, end)[0].value is None


@pytest.mark.django_db
def test_every_change_is_recorded_with_simple_history(units, welfare_staff):
    service_request = ServiceRequestFactory(unit=units["welfare-office"])
    workflow.change_status(service_request, S.IN_PROGRESS, actor=Actor.STAFF, user=welfare_staff)
    workflow.assign(service_request, assignee=welfare_staff)
    types = list(
        service_request.history.order_by("history_date").values_list("history_type", "status")
    )
    assert types[0] == ("+", "new") and ("~", "in_progress") in types
    assert service_request.history.first().assigned_to_id == welfare_staff.pk


@pytest.mark.django_db
def test_service_start_url_and_backup_datasets(units):
    from sla.tests.factories import ServiceFactory

    service = ServiceFactory(code="CERT-01", responsible_unit=units["it-statistics"])
    assert registry.service_start_url(service) == "/desk/request/?service=CERT-01"
    datasets = {d.model: d for d in registry.backup_datasets()}
    assert datasets["desk.Attachment"].file_fields == ("file",)
    for name in ("desk.ServiceRequest", "desk.RequestMessage", "desk.StatusChange"):
        assert datasets[name].get_model() is not None


@pytest.mark.django_db
def test_the_request_form_preselects_the_service_from_the_catalog(client, service):
    body = client.get("/desk/request/?service=DORM-09").content.decode()
    assert f'<option value="{service.pk}" selected>' in body


@pytest.mark.django_db
def test_home_tiles_and_menu_entries(client, home_page):
    body = client.get("/").content.decode()
    assert 'href="/desk/"' in body and 'href="/track/"' in body
    assert "میز خدمت" in body


@pytest.mark.django_db
def test_the_desk_gives_way_to_a_plugin_that_delivers_the_service(units, service, monkeypatch):
    plugin = registry.get("testplugin")
    monkeypatch.setattr(
        plugin, "get_service_start_url", lambda s: "/own-form/" if s.code == "DORM-09" else None
    )
    assert registry.get("desk").get_service_start_url(service) is None
    assert registry.service_start_url(service) == "/own-form/"
