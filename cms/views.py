from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connections
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST


@never_cache
@require_GET
def healthz(request):
    """200 when the app can reach its database, 503 when it cannot (for the proxy)."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_POST
def admin_logout(request):
    """Wagtail's logout, by POST only. Its own view deletes the session cookie whatever
    the method, so a link or an image on any site (a GET) would log staff out; the
    admin's menu already logs out with a POST form."""
    from wagtail.admin.views.account import LogoutView

    return LogoutView.as_view()(request)


def tracked_post(
    request,
    form,
    *,
    act: Callable[[dict], object],
    success_message: str,
    detail_url: str,
    template: str,
    context: Callable[[object], dict],
) -> HttpResponse:
    """The shape of every POST a citizen makes on a page opened with a tracking code (a
    message, a withdrawal, a rating, a correction, a cancellation):

    * an invalid ``form``: the detail page again (``template`` with ``context(form)``),
      the errors beside the fields and everything typed kept, status 400;
    * a valid one: ``act(form.cleaned_data)``. A refusal of the workflow (the thing moved
      on meanwhile, a rule) comes back as an error message, success as
      ``success_message``; either way back to ``detail_url`` (POST, redirect, GET).
    """
    if not form.is_valid():
        return render(request, template, context(form), status=400)
    try:
        act(form.cleaned_data)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", None) or [str(error)]))
    else:
        messages.success(request, success_message)
    return redirect(detail_url)


class TrackedDetailPage:
    """A plugin's page of one tracked submission and the POSTs a citizen makes on it.

    ``context(obj, **forms)`` builds the page's context; a POST's bound form goes in as
    ``form_name``, so that an invalid one comes back with its errors and what was typed::

        page = TrackedDetailPage("desk_track:detail", "desk/track_detail.html", _context)
        return page.post(request, obj, WithdrawForm(request.POST), form_name="withdraw_form",
                         act=lambda data: ..., success_message=_("Withdrawn."))
    """

    def __init__(self, url_name: str, template: str, context: Callable[..., dict]):
        self.url_name = url_name
        self.template = template
        self.context = context

    def render(self, request, obj) -> HttpResponse:
        return render(request, self.template, self.context(obj))

    def post(
        self,
        request,
        obj,
        form,
        *,
        form_name: str,
        act: Callable[[dict], object],
        success_message: str,
    ) -> HttpResponse:
        return tracked_post(
            request,
            form,
            act=act,
            success_message=success_message,
            detail_url=self.url_name,
            template=self.template,
            context=lambda bad_form: self.context(obj, **{form_name: bad_form}),
        )
