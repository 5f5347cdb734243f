"""Factories of the desk's data (factory_boy); request states are Traits."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.tracking import generate_tracking_code
from services.desk.enums import Actor, MessageKind, RequestChannel, RequestStatus, StaffRole
from services.desk.models import DeskStaff, RequestMessage, ServiceRequest, StatusChange
from sitepages.tests.factories import UNIT_TITLES, add_page, make_units  # noqa: F401


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Sequence(lambda n: f"کارشناس{n}")
    last_name = "آزمایشی"
    email = factory.Sequence(lambda n: f"staff{n}@arakmu.ac.ir")
    password = factory.django.Password("a-long-test-password-1")
    is_active = True

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True


class DeskStaffFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    role = StaffRole.EXPERT

    class Meta:
        model = DeskStaff

    class Params:
        manager = factory.Trait(role=StaffRole.MANAGER)


def _path_to(status):
    """The statuses a request passes through to reach ``status`` (the table's order)."""
    return {
        RequestStatus.NEW: [],
        RequestStatus.IN_PROGRESS: [RequestStatus.IN_PROGRESS],
        RequestStatus.WAITING: [RequestStatus.IN_PROGRESS, RequestStatus.WAITING],
        RequestStatus.ANSWERED: [RequestStatus.IN_PROGRESS, RequestStatus.ANSWERED],
        RequestStatus.CLOSED: [
            RequestStatus.IN_PROGRESS,
            RequestStatus.ANSWERED,
            RequestStatus.CLOSED,
        ],
        RequestStatus.REJECTED: [RequestStatus.REJECTED],
        RequestStatus.WITHDRAWN: [RequestStatus.WITHDRAWN],
    }[status]


class ServiceRequestFactory(factory.django.DjangoModelFactory):
    tracking_code = factory.LazyFunction(generate_tracking_code)
    channel = RequestChannel.REQUEST
    status = RequestStatus.NEW
    name = "مریم احمدی"
    mobile = "09121234567"
    email = "maryam@example.com"
    subject = factory.Sequence(lambda n: f"درخواست شمارهٔ {n}")
    body = "متن درخواست آزمایشی"
    submitted_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyAttribute(lambda o: o.submitted_at + dt.timedelta(days=7))

    class Meta:
        model = ServiceRequest
        skip_postgeneration_save = True

    class Params:
        in_progress = factory.Trait(status=RequestStatus.IN_PROGRESS)
        waiting = factory.Trait(status=RequestStatus.WAITING, due_at=None)
        answered = factory.Trait(
            status=RequestStatus.ANSWERED,
            answered_at=factory.LazyAttribute(lambda o: o.submitted_at + dt.timedelta(days=1)),
            answered_in_time=True,
            first_replied_at=factory.LazyAttribute(lambda o: o.submitted_at + dt.timedelta(days=1)),
            first_reply_working_hours=7.0,
        )
        closed = factory.Trait(
            status=RequestStatus.CLOSED,
            answered_at=factory.LazyAttribute(lambda o: o.submitted_at + dt.timedelta(days=1)),
            answered_in_time=True,
            closed_at=factory.LazyAttribute(lambda o: o.submitted_at + dt.timedelta(days=2)),
        )
        rejected = factory.Trait(
            status=RequestStatus.REJECTED, rejection_reason="خارج از حیطهٔ وظایف این واحد"
        )
        withdrawn = factory.Trait(status=RequestStatus.WITHDRAWN)
        overdue = factory.Trait(
            status=RequestStatus.IN_PROGRESS,
            submitted_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=20)),
            due_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=5)),
        )
        complaint = factory.Trait(channel=RequestChannel.COMPLAINT)
        meeting = factory.Trait(
            channel=RequestChannel.MEETING,
            official_name="دکتر رضایی — معاون دانشجویی",
            preferred_days="شنبه، یکشنبه",
        )

    @factory.post_generation
    def timeline(obj, create, extracted, **kwargs):
        """The status changes that led to the request's status."""
        if not create:
            return
        StatusChange.objects.create(
            request=obj,
            from_status="",
            to_status=RequestStatus.NEW,
            actor=Actor.CITIZEN,
            at=obj.submitted_at,
        )
        previous, at = RequestStatus.NEW, obj.submitted_at
        for status in _path_to(obj.status):
            at = at + dt.timedelta(hours=2)
            actor = Actor.CITIZEN if status == RequestStatus.WITHDRAWN else Actor.STAFF
            StatusChange.objects.create(
                request=obj,
                from_status=previous,
                to_status=status,
                actor=actor,
                at=min(at, timezone.now()),
                reason=obj.rejection_reason if status == RequestStatus.REJECTED else "",
            )
            previous = status


class RequestMessageFactory(factory.django.DjangoModelFactory):
    request = factory.SubFactory(ServiceRequestFactory)
    kind = MessageKind.REPLY
    body = "پاسخ واحد به درخواست شما"

    class Meta:
        model = RequestMessage

    class Params:
        note = factory.Trait(kind=MessageKind.NOTE, body="یادداشت داخلی کارکنان")
        from_citizen = factory.Trait(kind=MessageKind.CITIZEN, body="پیام شهروند")
