"""The views of the back-office base: every one fenced, never cached, and logged where
it shows personal data. Plugins subclass them (and their own action views) and point
their :class:`~cms.backoffice.options.FencedModelAdmin` at them."""

from __future__ import annotations

from django.contrib.admin.options import IncorrectLookupParameters
from django.core.paginator import InvalidPage
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail_modeladmin.views import EditView, IndexView, InspectView, InstanceSpecificView

from .exports import csv_safe
from .history import history_entries
from .menu import use_kept_menus
from .paging import DeferredJoinPaginator
from .params import (
    BadListingParameter,
    check_common,
    check_filter_values,
    clean_declared,
    unknown_parameter,
)
from .shared_cache import store

NO_STORE = "no-store, private"


def no_store(response):
    """Pages and files with personal data are kept by no cache, shared or private."""
    response["Cache-Control"] = NO_STORE
    return response


def bad_request(request, message: str, *, index_url: str = ""):
    """The 400 page of the back office: what was wrong, in the user's language."""
    response = TemplateResponse(
        request,
        "cms/backoffice/bad_request.html",
        {"message": message, "index_url": index_url},
        status=400,
    )
    return no_store(response)


class FencedIndexView(IndexView):
    """The listing: only what the fence lets through, only the declared parameters."""

    paginator_class = DeferredJoinPaginator
    # How long the unfiltered total ("12 of 4,310 shown") may lag behind the rows.
    TOTAL_SECONDS = 60

    def dispatch(self, request, *args, **kwargs):
        # modeladmin's own dispatch checks login and ``user_can_list`` first; ours runs
        # inside it (get_filters and get_queryset), and a refusal becomes a 400 page.
        use_kept_menus(request)
        try:
            response = super().dispatch(request, *args, **kwargs)
        except BadListingParameter as error:
            return bad_request(request, error.message, index_url=self.url_helper.index_url)
        return no_store(response)

    # Parameters

    def get_filters_params(self, params=None):
        params = params if params is not None else self.params
        lookup = super().get_filters_params(params)
        for name in self.model_admin.get_listing_params(self.request):
            lookup.pop(name, None)
        return lookup

    def get_filters(self, request):
        check_common(
            request.GET,
            columns=len(self.list_display),
            formats=self.FORMATS,
            order_var=self.ORDER_VAR,
            page_var=self.PAGE_VAR,
            search_var=self.SEARCH_VAR,
            export_var=self.EXPORT_VAR,
        )
        self.listing_values = clean_declared(
            request.GET, self.model_admin.get_listing_params(request)
        )
        filter_specs, has_filters, remaining, use_distinct = super().get_filters(request)
        # What no list filter took is not a filter this listing offers.
        for name in remaining:
            raise unknown_parameter(name)
        check_filter_values(filter_specs)
        return filter_specs, has_filters, {}, use_distinct

    def get_queryset(self, request=None):
        try:
            queryset = super().get_queryset(request)
        except IncorrectLookupParameters as error:
            raise BadListingParameter(str(_bad_filter_value())) from error
        return self.model_admin.apply_listing_params(self.request, queryset, self.listing_values)

    def get_base_queryset(self, request=None):
        return self.model_admin.get_queryset(request or self.request)

    def get_context_data(self, **kwargs):
        """modeladmin's context, cheaper: the queryset built in ``dispatch`` is used
        again (its filters' choices are not queried twice), and one count serves the
        paginator and the result count; the unfiltered total that a filtered or searched
        page shows beside it comes from the back office's cache (:meth:`unfiltered_total`)."""
        queryset = self.queryset
        paginator = self.paginator_class(queryset, self.items_per_page)
        try:
            page_obj = paginator.page(self.page_num)
        except InvalidPage:
            page_obj = paginator.page(1)
        result_count = paginator.count
        filtered = bool(self.query) or bool(self.get_filters_params()) or bool(self.listing_values)
        context = {
            "view": self,
            "all_count": self.unfiltered_total() if filtered else self.keep_total(result_count),
            "result_count": result_count,
            "paginator": paginator,
            "page_obj": page_obj,
            "elided_page_range": paginator.get_elided_page_range(page_obj.number),
            "object_list": page_obj.object_list,
            "user_can_create": self.permission_helper.user_can_create(self.request.user),
            "show_search": self.search_handler.show_search_form,
        }
        context.update(kwargs)
        # Past IndexView's own get_context_data, which would count and filter again.
        return super(IndexView, self).get_context_data(**context)

    def _total_key(self) -> str:
        model_admin = self.model_admin
        scope = model_admin.fence.scope(self.request.user)
        return f"listing-total:{model_admin.model._meta.label_lower}:{scope}"

    def keep_total(self, total: int) -> int:
        """An unfiltered page's count, kept for the filtered pages that follow."""
        store().set(self._total_key(), total, self.TOTAL_SECONDS)
        return total

    def unfiltered_total(self) -> int:
        """How many objects the user may see in all, counted at most once a minute per
        fence scope (the user's units; every superuser shares one)."""
        total = store().get(self._total_key())
        if total is None:
            total = self.keep_total(self.get_base_queryset().count())
        return total

    # Exports: safe cells, logged, never cached

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: csv_safe(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def get_heading(self, queryset, field):
        heading = self.model_admin.export_headings.get(field)
        return str(heading) if heading else super().get_heading(queryset, field)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        rows = list(queryset)
        self.model_admin.record_views(rows, self.request.user, "export")
        return no_store(super().as_spreadsheet(rows, spreadsheet_format))


def _bad_filter_value():
    return _("A filter of this list was given a value it cannot use.")


class FencedInspectView(InspectView):
    """Opening one object: logged, never cached (the fence ran before the view)."""

    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        return no_store(super().dispatch(request, *args, **kwargs))

    def get(self, request, *args, **kwargs):
        self.model_admin.record_views([self.instance], request.user, "inspect")
        return super().get(request, *args, **kwargs)


class FencedEditView(EditView):
    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        return no_store(super().dispatch(request, *args, **kwargs))

    def get(self, request, *args, **kwargs):
        self.model_admin.record_views([self.instance], request.user, "edit")
        return super().get(request, *args, **kwargs)


class FencedHistoryView(InstanceSpecificView):
    """Who changed what and when (django-simple-history), and who looked at it.

    ``related_history`` lists ``(label, callable(obj) -> historical queryset)`` for the
    object's parts (messages, attachments...) whose changes belong to its history.
    """

    related_history: tuple = ()
    object_label = None
    template_name = ""

    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        return no_store(super().dispatch(request, *args, **kwargs))

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_see(user, self.instance)

    def get_template_names(self):
        return (
            [self.template_name] if self.template_name else self.model_admin.get_history_template()
        )

    def get_page_title(self):
        return _("History")

    def get(self, request, *args, **kwargs):
        self.model_admin.record_views([self.instance], request.user, "history")
        return super().get(request, *args, **kwargs)

    def get_related_history(self):
        return [(label, source(self.instance)) for label, source in self.related_history]

    def get_context_data(self, **kwargs):
        obj = self.instance
        context = {
            "entries": history_entries(
                obj, related=self.get_related_history(), label=self.object_label
            ),
            "views": self.model_admin.view_logs_of(obj)[:200],
            "inspect_url": self.url_helper.get_action_url("inspect", obj.pk),
        }
        context.update(kwargs)
        return super().get_context_data(**context)
