from django import forms
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from cms.forms import PersianFormMixin
from cms.transitions import Transition, Workflow
from cms.views import tracked_post

from .models import TestTicket, TestTicketChange

# The test plugin's own table: a citizen may drop a new ticket, nothing else.
TICKETS = Workflow([Transition("new", "dropped", {"citizen"})])


class DropForm(PersianFormMixin, forms.Form):
    note = forms.CharField(label="دلیل", max_length=20)


def index(request):
    return render(request, "testplugin/index.html")


def ticket(request, pk):
    return render(request, "testplugin/index.html", _ticket_context(pk))


def _ticket_context(pk, form=None):
    return {"ticket": get_object_or_404(TestTicket, pk=pk), "drop_form": form or DropForm()}


@require_POST
def drop(request, pk):
    ticket = get_object_or_404(TestTicket, pk=pk)
    return tracked_post(
        request,
        DropForm(request.POST),
        act=lambda data: TICKETS.move(
            ticket, "dropped", actor="citizen", note=data["note"], record=TestTicketChange
        ),
        success_message="لغو شد",
        detail_url=f"/testplugin/tickets/{pk}/",
        template="testplugin/index.html",
        context=lambda form: _ticket_context(pk, form),
    )
