"""Factories for the outages tests. States are traits: ``OutageNoticeFactory(resolved=True)``,
``OutageNoticeFactory(maintenance=True, upcoming=True)``."""

import datetime as dt

import factory
from django.utils import timezone

from services.outages.enums import Impact, NoticeKind, NoticeState
from services.outages.models import NoticeUpdate, OutageNotice, Subscriber
from sitepages.models import UnitIndexPage, UnitPage
from sla.models import Service


def make_unit(home, slug, title):
    """A published unit page under the (created once) unit index."""
    index = UnitIndexPage.objects.child_of(home).first()
    if index is None:
        index = UnitIndexPage(title="واحدهای دانشگاه", slug="units", show_in_menus=True)
        home.add_child(instance=index)
        index.save_revision().publish()
    unit = UnitPage(title=title, slug=slug, kind="management", summary=title, show_in_menus=True)
    index.add_child(instance=unit)
    unit.save_revision().publish()
    unit.refresh_from_db()
    return unit


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    code = factory.Sequence(lambda n: f"OUT-{n:03d}")
    title = factory.Sequence(lambda n: f"خدمت آزمایشی {n}")
    audience = factory.LazyFunction(lambda: ["citizens"])
    channels = factory.LazyFunction(lambda: ["web"])
    is_free = True
    response_target_value = 5
    availability_target = 99
    live = True


class OutageNoticeFactory(factory.django.DjangoModelFactory):
    """A published, ongoing major outage of the whole portal that started an hour ago."""

    class Meta:
        model = OutageNotice
        skip_postgeneration_save = True

    kind = NoticeKind.OUTAGE
    title = factory.Sequence(lambda n: f"اختلال آزمایشی {n}")
    whole_portal = True
    impact = Impact.MAJOR
    state = NoticeState.INVESTIGATING
    starts_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))
    initial_message = "در حال بررسی هستیم."
    live = True
    first_published_at = factory.LazyAttribute(lambda o: o.starts_at if o.live else None)
    last_published_at = factory.LazyAttribute(lambda o: o.first_published_at)

    class Params:
        resolved = factory.Trait(
            state=NoticeState.RESOLVED,
            ended_at=factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(minutes=30)),
        )
        maintenance = factory.Trait(
            kind=NoticeKind.MAINTENANCE,
            state=NoticeState.SCHEDULED,
            expected_end=factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2)),
        )
        upcoming = factory.Trait(
            starts_at=factory.LazyFunction(lambda: timezone.now() + dt.timedelta(hours=24)),
        )
        completed = factory.Trait(
            kind=NoticeKind.MAINTENANCE,
            state=NoticeState.COMPLETED,
            expected_end=factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2)),
            ended_at=factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=1)),
        )
        draft = factory.Trait(live=False)

    @factory.post_generation
    def services(self, create, extracted, **kwargs):
        if create and extracted:
            self.whole_portal = False
            self.services.set(extracted)
            self.save()

    @factory.post_generation
    def with_timeline(self, create, extracted, **kwargs):
        """``with_timeline=True``: the first entry, as publishing makes it."""
        if create and extracted:
            NoticeUpdateFactory(
                notice=self,
                posted_at=self.first_published_at or self.starts_at,
                state=self.state,
                impact=self.impact,
                message=self.initial_message,
                ended_at=self.ended_at,
            )


class NoticeUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoticeUpdate

    notice = factory.SubFactory(OutageNoticeFactory)
    posted_at = factory.LazyFunction(timezone.now)
    state = NoticeState.INVESTIGATING
    impact = Impact.MAJOR
    message = "به‌روزرسانی آزمایشی"


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"citizen{n}@example.ir")
    language = "fa"
    confirmed_at = factory.LazyFunction(timezone.now)

    class Params:
        unconfirmed = factory.Trait(confirmed_at=None)

    @factory.post_generation
    def services(self, create, extracted, **kwargs):
        if create and extracted:
            self.services.set(extracted)


def make_statement(home, *, valid_from, valid_until, title="توافق‌نامهٔ سطح خدمت وام دانشجویی"):
    """A published SLA statement (under a created-once SLA index) valid over the dates."""
    from sla.models import SLAIndexPage, SLAStatementPage

    index = SLAIndexPage.objects.child_of(home).first()
    if index is None:
        index = SLAIndexPage(title="توافق‌نامه‌های سطح خدمت", slug="sla")
        home.add_child(instance=index)
        index.save_revision().publish()
    statement = SLAStatementPage(
        title=title, slug="loans-sla", valid_from=valid_from, valid_until=valid_until
    )
    index.add_child(instance=statement)
    statement.save_revision().publish()
    statement.refresh_from_db()
    return statement
