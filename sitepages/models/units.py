"""Units of the university (deputies, managements, offices, faculties): the unit index
and the unit pages. Their contacts, office hours and officials are in
:mod:`sitepages.models.unit_details`.

A ``UnitPage`` is what a catalog service and every citizen's request name as their
responsible unit, so its identity (the page id) must stay stable: editors move and
rename units, they do not recreate them.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index

from cms.i18n import WEEK_ORDER, Weekday
from cms.jalali import display_zone
from cms.working_calendar import WorkingCalendar

from ..enums import ContactKind, UnitKind
from ..hours import opening_status
from ..menu_restrictions import restricted_paths
from .base import PortalPageMixin
from .unit_details import Official

# The size officials' photos are shown in; renditions are prefetched for it.
OFFICIAL_PHOTO_SPEC = "fill-160x160"
# The unit index shows this many top-level units to a page, each with this many of its
# sub-units named (the rest are on the unit's own page).
UNITS_PER_PAGE = 12
SUB_UNITS_SHOWN = 8


class UnitIndexPage(PortalPageMixin, Page):
    """The list of the university's units (deputies, managements, offices, faculties)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, *PortalPageMixin.search_fields_normalized]

    parent_page_types = ["sitepages.HomePage"]
    subpage_types = ["sitepages.UnitPage"]
    max_count_per_parent = 1
    query_params = frozenset({"page"})

    class Meta:
        verbose_name = _("unit index page")
        verbose_name_plural = _("unit index pages")

    def search_text_parts(self):
        return [*super().search_text_parts(), self.intro]

    def get_units(self):
        """Every live unit below this index as a tree of rows (``id``, ``path``,
        ``depth``, ``sub_units``): the top-level units and all of them. One query,
        and no page object however many units there are."""
        units = list(
            UnitPage.objects.descendant_of(self)
            .live()
            .public()
            .order_by("path")
            .values("id", "path", "depth")
        )
        by_path = {}
        top_level = []
        for unit in units:
            unit["sub_units"] = []
            by_path[unit["path"]] = unit
            parent = by_path.get(unit["path"][: -UnitPage.steplen])
            if parent is not None:
                parent["sub_units"].append(unit)
            elif unit["depth"] == self.depth + 1:
                top_level.append(unit)
        return top_level, units

    def get_context(self, request, *args, **kwargs):
        """One page of top-level units (``UNITS_PER_PAGE``), each with its first
        ``SUB_UNITS_SHOWN`` sub-units, and the officials of the units on that page who
        receive citizens: the tree is read as rows, and only the units on the page as
        pages, so the page costs the same however many units there are."""
        context = super().get_context(request, *args, **kwargs)
        top_level, _units = self.get_units()
        paginator = Paginator(top_level, UNITS_PER_PAGE)
        try:
            page_of_units = paginator.page(request.GET.get("page") or 1)
        except PageNotAnInteger:
            page_of_units = paginator.page(1)
        except EmptyPage:
            page_of_units = paginator.page(paginator.num_pages)
        rows = list(page_of_units)
        wanted = {row["id"] for row in rows}
        wanted.update(sub["id"] for row in rows for sub in row["sub_units"][:SUB_UNITS_SHOWN])
        pages = UnitPage.objects.filter(pk__in=wanted).only(
            "id", "title", "slug", "url_path", "path", "depth", "kind", "summary"
        )
        by_id = {unit.pk: unit for unit in pages}
        shown = []
        for row in rows:
            unit = by_id[row["id"]]
            unit.more_sub_units = max(len(row["sub_units"]) - SUB_UNITS_SHOWN, 0)
            unit.sub_units = [by_id[sub["id"]] for sub in row["sub_units"][:SUB_UNITS_SHOWN]]
            shown.append(unit)
        page_of_units.object_list = shown
        listed = [*shown, *(sub for unit in shown for sub in unit.sub_units)]
        prefetch_related_objects(
            listed,
            "contacts",
            Prefetch(
                "officials",
                queryset=Official.objects.filter(accepts_meetings=True),
                to_attr="meeting_officials",
            ),
        )
        context["units"] = page_of_units
        context["meeting_officials"] = [
            (official, unit) for unit in listed for official in unit.meeting_officials
        ]
        return context


class UnitPage(PortalPageMixin, Page):
    """One unit of the university. Services and requests name a UnitPage as responsible."""

    kind = models.CharField(
        _("kind of unit"), max_length=20, choices=UnitKind.choices, default=UnitKind.MANAGEMENT
    )
    menu_title = models.CharField(
        _("title in the menu"),
        max_length=40,
        blank=True,
        help_text=_("A shorter title for the horizontal unit menu, e.g. 'Health deputy'."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown in lists, search results and link previews."),
    )
    description = RichTextField(_("description"), blank=True)
    responsibilities = RichTextField(
        _("responsibilities"),
        blank=True,
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_("What this unit does for citizens and students, best as a list."),
    )
    address = models.TextField(_("address"), blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)

    show_in_menus_default = True

    content_panels = [
        *Page.content_panels,
        FieldPanel("menu_title"),
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("responsibilities"),
    ]
    contact_panels = [
        MultiFieldPanel([FieldPanel("address"), FieldPanel("postal_code")], heading=_("Address")),
        InlinePanel("contacts", heading=_("Phones, emails and websites"), label=_("contact")),
        InlinePanel("office_hours", heading=_("Office hours"), label=_("office hours")),
    ]
    official_panels = [InlinePanel("officials", heading=_("Officials"), label=_("official"))]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(contact_panels, heading=_("Contacts")),
            ObjectList(official_panels, heading=_("Officials")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("responsibilities"),
        index.FilterField("kind"),
        *PortalPageMixin.search_fields_normalized,
    ]

    parent_page_types = ["sitepages.UnitIndexPage", "sitepages.UnitPage"]
    subpage_types = ["sitepages.UnitPage", "sitepages.StandardPage"]

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.title

    def search_text_parts(self):
        officials = [f"{o.name} {o.post}" for o in self.officials.all()]
        return [
            *super().search_text_parts(),
            self.summary,
            self.description,
            self.responsibilities,
            *officials,
        ]

    def get_officials(self, request=None):
        officials = self.officials.all()
        if not getattr(request, "is_preview", False):
            # One query for the officials and their photos, one for the photos'
            # renditions: the same two queries for 2 officials or 200.
            officials = officials.select_related("photo").prefetch_related(
                Prefetch(
                    "photo__renditions",
                    queryset=get_image_model()
                    .get_rendition_model()
                    .objects.filter(filter_spec=OFFICIAL_PHOTO_SPEC),
                    to_attr="prefetched_renditions",
                )
            )
        return list(officials)

    def get_sub_units(self, request=None):
        """Live sub-units not hidden by view restrictions. The restricted paths are
        cached with the menu, which saves a query on every unit page."""
        restricted = restricted_paths() if request is not None else ()
        children = (
            UnitPage.objects.child_of(self)
            .live()
            .only("id", "title", "url_path", "path", "depth", "summary")
        )
        if request is None:
            children = children.public()
        return [unit for unit in children if not (restricted and unit.path.startswith(restricted))]

    def get_week(self, hours):
        """Seven rows, Saturday first: (weekday label, list of (opens, closes))."""
        rows = []
        for day in WEEK_ORDER:
            slots = sorted((h.opens, h.closes) for h in hours if h.weekday == day)
            rows.append({"weekday": day, "label": Weekday(day).label, "slots": slots})
        return rows

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        hours = list(self.office_hours.all())
        contacts = list(self.contacts.all())
        opening = opening_status(hours, calendar=WorkingCalendar.load())
        next_day = None
        if opening is not None and opening.next_weekday is not None:
            next_day = Weekday(opening.next_weekday).label
        context.update(
            officials=self.get_officials(request),
            phones=[c for c in contacts if c.kind in (ContactKind.PHONE, ContactKind.FAX)],
            emails=[c for c in contacts if c.kind == ContactKind.EMAIL],
            websites=[c for c in contacts if c.kind == ContactKind.WEBSITE],
            week=self.get_week(hours),
            opening=opening,
            next_day=next_day,
            today_weekday=timezone.localtime(timezone.now(), display_zone()).weekday(),
            sub_units=self.get_sub_units(request),
            photo_spec=OFFICIAL_PHOTO_SPEC,
        )
        return context
