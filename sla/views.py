"""Admin view: import an SLA statement file into a draft page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .forms import StatementImportForm
from .importer import StatementParseError, import_statement
from .models import SLAIndexPage


def import_parents(user):
    """SLA index pages under which ``user`` may add a statement."""
    return [
        page
        for page in SLAIndexPage.objects.select_related("locale").order_by("path")
        if page.permissions_for_user(user).can_add_subpage()
    ]


def can_import(user) -> bool:
    return user.is_active and bool(import_parents(user))


class ImportStatementView(WagtailAdminTemplateMixin, FormView):
    form_class = StatementImportForm
    template_name = "sla/admin/import_statement.html"
    page_title = _("Import an SLA statement")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.parents = import_parents(request.user)
        if not self.parents:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "parents": self.parents}

    def get_initial(self):
        return {"parent": self.parents[0]}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.path,
            submit_button_label=_("Import as a draft"),
            submit_button_active_label=_("Importing…"),
            form_is_multipart=True,
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            page = import_statement(
                data["file"].read(),
                data["parent"].specific,
                user=self.request.user,
                title=data["title"] or None,
            )
        except StatementParseError as error:
            form.add_error("file", str(error))
            messages.error(self.request, _("Nothing was imported: the file has a problem."))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("“%(title)s” was imported as a draft. Review it, then publish.")
            % {"title": page.title},
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
