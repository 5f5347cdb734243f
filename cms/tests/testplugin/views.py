from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.tracking_session import TrackingSession, second_factor_matches
from cms.views import TrackedDetailPage

from .forms import LookupForm, TicketForm, WithdrawForm
from .models import Ticket

# The ticket a citizen opened (by sending it, or with its code and mobile), kept in the
# session for half an hour without a visit; never in a URL.
TRACKING = TrackingSession("testplugin_ticket", lambda: 30 * 60)


def _context(ticket, withdraw_form=None):
    return {"ticket": ticket, "withdraw_form": withdraw_form or WithdrawForm()}


PAGE = TrackedDetailPage("testplugin:ticket", "testplugin/ticket.html", _context)


def _forms_page(request, form=None, lookup_form=None):
    context = {"form": form or TicketForm(), "lookup_form": lookup_form or LookupForm()}
    status = 400 if (form and form.errors) or (lookup_form and lookup_form.errors) else 200
    return render(request, "testplugin/index.html", context, status=status)


def index(request):
    """The public form: send a ticket to a unit, with files."""
    if request.method != "POST":
        return _forms_page(request)
    form = TicketForm(request.POST, request.FILES)
    if not form.is_valid():
        return _forms_page(request, form=form)
    ticket = Ticket.send(**form.cleaned_data)
    TRACKING.open(request, ticket)
    messages.success(request, _("Your ticket was sent; keep its tracking code."))
    return redirect("testplugin:ticket")


@require_POST
def lookup(request):
    """Opens a ticket with its tracking code and the mobile number it was sent with."""
    form = LookupForm(request.POST)
    if form.is_valid():
        ticket = Ticket.objects.filter(code=form.cleaned_data["code"]).first()
        mobile = ticket.mobile if ticket else None
        if second_factor_matches(mobile, form.cleaned_data["mobile"], "00000000000"):
            TRACKING.open(request, ticket)
            return redirect("testplugin:ticket")
        form.add_error(None, _("No ticket has this tracking code and mobile number."))
    return _forms_page(request, lookup_form=form)


@TRACKING.required(Ticket.objects.all, "testplugin:index")
def ticket(request, ticket):
    return PAGE.render(request, ticket)


@require_POST
@TRACKING.required(Ticket.objects.all, "testplugin:index")
def withdraw(request, ticket):
    return PAGE.post(
        request,
        ticket,
        WithdrawForm(request.POST),
        form_name="withdraw_form",
        act=lambda data: ticket.withdraw(note=data["note"]),
        success_message=_("Your ticket was withdrawn."),
    )
