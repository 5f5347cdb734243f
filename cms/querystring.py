"""Every public address declares the query parameters it reads; anything else is a 400.

Declared once, beside the code that reads them:

- a plain view: ``@accepts("page")`` (a function) or ``query_params = frozenset(...)``
  (a class-based view or a feed class);
- a Wagtail page: ``query_params = frozenset(...)`` on the page model, or
  ``@accepts(...)`` on a ``RoutablePageMixin`` route (which wins over the model's);
- Django's and Wagtail's own public views: :data:`FOREIGN_VIEWS`, by URL name.

Nothing declared means nothing accepted. :class:`QueryStringMiddleware` checks plain
views (``process_view``), the ``before_serve_page`` hook of ``cms/wagtail_hooks.py``
checks pages; both call :func:`refusal`. Wagtail's and Django's admin own their
parameters (``cms/backoffice/options.py`` fences the staff listings), static files never
reach a view.

Besides unknown names, a parameter given twice and a ``page`` that is not a positive
whole number are refused. A page number past the end shows the last page, as every
paginated listing of the portal does. The 400 page is never cached, so the page cache
(keyed on the full path) never stores an answer for an address with a stray parameter.
"""

from __future__ import annotations

import re

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .i18n import is_persian, list_separator

# Paths whose views own their parameters (or that never reach a view of the portal).
OWNED_ELSEWHERE = ("/admin/", "/django-admin/", "/static/", "/media/")

# Public views of Django and Wagtail, by URL name: the parameters they read.
FOREIGN_VIEWS = {
    "set_language": frozenset({"next"}),
    "sitemap": frozenset({"p"}),  # Django's sitemap pages
    "wagtailcore_login": frozenset({"next"}),  # a page restricted to logged-in users
    "wagtailcore_authenticate_with_password": frozenset(),
    "wagtaildocs_serve": frozenset(),
    "wagtaildocs_authenticate_with_password": frozenset(),
}

PAGE = "page"
# Persian, Arabic-Indic and Latin digits, as the paginators read them; nine at most.
PAGE_NUMBER = re.compile(r"[0-9۰-۹٠-٩]{1,9}")
SHOWN_NAME_LENGTH = 40


def accepts(*names: str):
    """Declare the query parameters a view (or a routable page's route) reads."""
    accepted = frozenset(names)

    def decorator(view):
        view.query_params = accepted
        return view

    return decorator


def declared_by_view(view_func, view_name: str | None) -> frozenset:
    if view_name in FOREIGN_VIEWS:
        return FOREIGN_VIEWS[view_name]
    view_class = getattr(view_func, "view_class", None)
    return frozenset(
        getattr(view_func, "query_params", None) or getattr(view_class, "query_params", None) or ()
    )


def declared_by_page(page, serve_args) -> frozenset:
    route = serve_args[0] if serve_args and callable(serve_args[0]) else None
    declared = getattr(route, "query_params", None)
    if declared is None:
        declared = getattr(page, "query_params", None)
    return frozenset(declared or ())


def _shown(names) -> str:
    opening, closing = ("«", "»") if is_persian() else ("“", "”")
    return list_separator().join(
        f"{opening}{name[:SHOWN_NAME_LENGTH]}{closing}" for name in sorted(names)
    )


def problem(query, accepted: frozenset) -> str | None:
    """What is wrong with ``query`` (a ``QueryDict``) for a view that reads ``accepted``,
    in the visitor's language, or ``None``."""
    unknown = set(query) - accepted
    if unknown:
        return _("This address has parameters this page does not understand: %(names)s.") % {
            "names": _shown(unknown)
        }
    repeated = {name for name in query if len(query.getlist(name)) > 1}
    if repeated:
        return _("These parameters appear more than once in this address: %(names)s.") % {
            "names": _shown(repeated)
        }
    number = query.get(PAGE, "")
    if PAGE in accepted and number and not (PAGE_NUMBER.fullmatch(number) and int(number) > 0):
        return _("The page number in this address (%(name)s) is not a whole number above zero.") % {
            "name": _shown([PAGE])
        }
    return None


def bad_query_response(request, message: str):
    response = render(
        request, "400.html", {"query_problem": message, "path_alone": request.path}, status=400
    )
    add_never_cache_headers(response)
    return response


def refusal(request, accepted: frozenset):
    """The 400 page when the request's query string does not fit ``accepted``."""
    message = problem(request.GET, accepted)
    return bad_query_response(request, message) if message else None


def check_page(page, request, serve_args, serve_kwargs):
    """``before_serve_page``: the page model (or route) declares what it accepts."""
    return refusal(request, declared_by_page(page, serve_args))


class QueryStringMiddleware:
    """Refuses, before the view runs, a public request whose query string the view does
    not declare. The page tree's views are checked by :func:`check_page` instead, once
    the page (and its route) is known."""

    def __init__(self, get_response):
        from wagtail.views import serve

        self.get_response = get_response
        self.page_tree_view = serve

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is self.page_tree_view or request.path_info.startswith(OWNED_ELSEWHERE):
            return None
        match = request.resolver_match
        return refusal(request, declared_by_view(view_func, match.view_name if match else None))
