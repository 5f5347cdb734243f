"""A page of text: about the university, guides, FAQs, the confidentiality policy."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import BodyBlock
from .base import PortalPageMixin, streamfield_text


class StandardPage(PortalPageMixin, Page):
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown under the title and in search results."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        *PortalPageMixin.search_fields_normalized,
    ]

    parent_page_types = ["sitepages.HomePage", "sitepages.StandardPage", "sitepages.UnitPage"]
    subpage_types = ["sitepages.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    def search_text_parts(self):
        return [*super().search_text_parts(), self.summary, streamfield_text(self.body)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = list(
            StandardPage.objects.child_of(self)
            .live()
            .public()
            .in_menu()
            .only("id", "title", "url_path", "path", "depth", "summary")
        )
        return context
