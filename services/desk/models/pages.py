"""Editor-built service forms: a Wagtail form page whose submissions are desk requests.

An editor adds a page of this type for a new service, picks the catalog service (or the
unit) it belongs to and builds its questions with Wagtail's form builder. The citizen
fields every desk form has (name, mobile, email, national code, attachments) are added
by the page itself; each submission becomes a :class:`~services.desk.models.ServiceRequest`
with a tracking code, in the unit's queue like any other.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField
from wagtail.fields import RichTextField

from cms.ratelimit import hit, too_many_requests
from sla.termination import ended_response

from .. import conf
from ..confirmation import remember_submission
from ..enums import QUESTION_PREFIX
from .requests import ServiceRequest
from .wiring import provided


class ServiceFormField(AbstractFormField):
    page = ParentalKey("desk.ServiceFormPage", on_delete=models.CASCADE, related_name="form_fields")


class ServiceFormBuilder(FormBuilder):
    @property
    def formfields(self):
        fields = super().formfields
        return {f"{QUESTION_PREFIX}{name}": field for name, field in fields.items()}

    def get_form_class(self):
        return type("ServiceFormPageForm", (provided.form_page_base_form,), self.formfields)


class ServiceFormPage(AbstractForm):
    """A service's own form, built by editors; its submissions become desk requests."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])
    service = models.ForeignKey(
        "sla.Service",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The catalog service this form starts; its unit answers the requests."),
    )
    unit = models.ForeignKey(
        "sitepages.UnitPage",
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Only when the form belongs to no catalog service."),
    )
    ask_national_code = models.BooleanField(_("ask for the national code"), default=True)
    accept_attachments = models.BooleanField(_("accept attachments"), default=True)

    form_builder = ServiceFormBuilder
    template = "desk/service_form_page.html"
    landing_page_template = "desk/service_form_page.html"

    content_panels = [
        *AbstractForm.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("service"),
                FieldPanel("unit"),
                FieldPanel("ask_national_code"),
                FieldPanel("accept_attachments"),
            ],
            heading=_("Who answers"),
        ),
        InlinePanel("form_fields", label=_("Questions")),
    ]

    parent_page_types = ["sitepages.HomePage", "sitepages.UnitPage", "sitepages.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("service form page")
        verbose_name_plural = _("service form pages")

    def clean(self):
        super().clean()
        if not self.service_id and not self.unit_id:
            raise ValidationError(
                {"unit": _("Choose the catalog service or the unit that answers this form.")}
            )

    @property
    def responsible_unit(self):
        if self.service_id:
            return self.service.responsible_unit
        return self.unit

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        if not self.ask_national_code:
            form.fields.pop("national_code", None)
        if not self.accept_attachments:
            form.fields.pop("attachments", None)
        return form

    def get_submission_class(self):
        return ServiceRequest

    def get_submissions(self):
        # Submissions are desk requests, seen only in the unit's queue behind the fence.
        return self.get_submission_class()._default_manager.none()

    def process_form_submission(self, form):
        return provided.submit_form_page_request(self, form, language=form.language)

    def serve(self, request, *args, **kwargs):
        if self.service_id and self.service.is_terminated:
            return ended_response(request, self.service, reverse("desk_track:lookup"))
        if request.method == "POST":
            limit, period = conf.submit_limit()
            if not hit(request, "desk-submit", limit, period):
                return too_many_requests(request, period)
            form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
            form.language = getattr(request, "LANGUAGE_CODE", "fa")
            if form.is_valid():
                service_request = self.process_form_submission(form)
                remember_submission(request, service_request)
                return redirect(reverse("desk:done"))
        else:
            form = self.get_form(page=self, user=request.user)
        context = self.get_context(request)
        context["form"] = form
        response = TemplateResponse(request, self.get_template(request), context)
        response["Cache-Control"] = "no-store, private"
        return response

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        return redirect(reverse("desk:done"))
