"""Factories of the chat's data (factory_boy); chat states are Traits."""

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.tracking import generate_tracking_code
from services.chat.enums import Availability, ChatState
from services.chat.models import ChatMembership, ChatOfficial, ChatSession
from sitepages.tests.factories import make_units as make_shared_units

CHAT_UNITS = ("welfare-office", "it-statistics", "health-deputy")


def make_units(home, slugs=CHAT_UNITS):
    return make_shared_units(home, slugs)


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"chatofficial{n}")
    first_name = factory.Sequence(lambda n: f"مریم{n}")
    last_name = "کارشناس"
    email = factory.Sequence(lambda n: f"chat{n}@arakmu.ac.ir")
    password = factory.django.Password("a-long-test-password-1")
    is_active = True

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True


class MembershipFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    is_manager = False

    class Meta:
        model = ChatMembership


class OfficialFactory(factory.django.DjangoModelFactory):
    """An official's presence: online (available, seen now) unless told otherwise."""

    user = factory.SubFactory(UserFactory)
    availability = Availability.AVAILABLE
    capacity = 3
    last_seen_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = ChatOfficial

    class Params:
        away = factory.Trait(availability=Availability.AWAY)


def online_official(unit, **kwargs):
    """A user who answers ``unit``'s chats and is online now."""
    user = UserFactory(**kwargs)
    MembershipFactory(user=user, unit=unit)
    OfficialFactory(user=user)
    return user


class ChatSessionFactory(factory.django.DjangoModelFactory):
    tracking_code = factory.LazyFunction(generate_tracking_code)
    name = "زهرا احمدی"
    mobile = "09121234567"
    state = ChatState.WAITING

    class Meta:
        model = ChatSession

    class Params:
        active = factory.Trait(
            state=ChatState.ACTIVE, accepted_at=factory.LazyFunction(timezone.now)
        )
        ended = factory.Trait(
            state=ChatState.ENDED,
            accepted_at=factory.LazyFunction(timezone.now),
            ended_at=factory.LazyFunction(timezone.now),
        )
