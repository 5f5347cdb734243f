"""Tickets for the tests (a unit is given: ``make_units(home_page)[slug]``)."""

import factory

from cms.tracking import generate_tracking_code

from .models import Ticket, TicketStaff


class TicketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ticket

    code = factory.LazyFunction(generate_tracking_code)
    text = "درخواست آزمایشی"
    mobile = "09121234567"


def make_staff(unit, username):
    """A staff member of ``unit``'s tickets (the membership gives the staff group)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username, password="x", is_staff=True)
    TicketStaff.objects.create(user=user, unit=unit)
    return user
