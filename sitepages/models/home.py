"""The home page: the ways to reach the university, news, quick links, contacts;
and, as its sub-routes, the site search."""

from urllib.parse import quote

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site

from cms import pagecache
from cms.plugins import HomeTile, registry
from cms.querystring import accepts
from cms.text import drop_control_characters, normalize_search_query

from ..blocks import LinkBlock
from .base import PortalPageMixin
from .news import NewsIndexPage, NewsPage
from .units import UnitIndexPage

SEARCH_RESULTS_PER_PAGE = 10
SEARCH_QUERY_MAX_LENGTH = 200
# How long the home keeps its tiles (the chat's says who is online now).
TILES_SECONDS = 10


class HomePage(RoutablePageMixin, PortalPageMixin, Page):
    """The portal's front page: the ways to reach the university, and its contacts."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A short welcome shown under the university's name."),
    )
    quick_links = StreamField(
        [("link", LinkBlock())],
        verbose_name=_("quick links"),
        blank=True,
        default=list,
        help_text=_("Pages people look for most, shown on the home page."),
    )
    news_count = 5

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("quick_links")]
    search_fields = [*Page.search_fields, *PortalPageMixin.search_fields_normalized]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def search_text_parts(self):
        return [*super().search_text_parts(), self.intro]

    # The tiles the core offers for the ways to reach the university that no plugin
    # owns. A plugin contributing a tile with the same icon replaces the core's tile.
    def core_tiles(self, unit_index):
        if unit_index is None:
            return []
        return [
            HomeTile(
                title=str(_("Meeting with deputies and managers")),
                description=str(
                    _("Officials who receive citizens in person, their hours and phones.")
                ),
                url=f"{unit_index.url}#meetings",
                icon="meeting",
                order=40,
            ),
            HomeTile(
                title=str(_("Phone and email")),
                description=str(_("Phones, emails and office hours of every unit.")),
                url=unit_index.url,
                icon="phone",
                order=90,
            ),
        ]

    def get_tiles(self, request, unit_index):
        plugin_tiles = registry.home_tiles(request)
        taken = {tile.icon for tile in plugin_tiles}
        tiles = plugin_tiles + [t for t in self.core_tiles(unit_index) if t.icon not in taken]
        return sorted(tiles, key=lambda tile: tile.order)

    def get_latest_news(self):
        return list(
            NewsPage.objects.descendant_of(self)
            .visible()
            .newest_first()
            .only("id", "title", "url_path", "path", "depth", "date", "summary")[: self.news_count]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Both indexes in one query; defer=True gives their classes without more queries.
        # They and the latest news are the same for every visitor: kept until the next
        # publication purges the page cache's generation (cms.pagecache).
        indexes = pagecache.cached_fragment(
            "home-indexes",
            lambda: list(
                Page.objects.child_of(self)
                .live()
                .public()
                .type(UnitIndexPage, NewsIndexPage)
                .order_by("path")
                .specific(defer=True)
            ),
            self.pk,
        )
        unit_index = next((p for p in indexes if isinstance(p, UnitIndexPage)), None)
        news_index = next((p for p in indexes if isinstance(p, NewsIndexPage)), None)
        context.update(
            # The tiles are public entry points, the same for every visitor; the chat's
            # says who is online, so it is kept a few seconds only (and updates itself
            # in the browser from its live_url).
            tiles=pagecache.cached_fragment(
                "home-tiles",
                lambda: self.get_tiles(request, unit_index),
                self.pk,
                get_language(),
                request.get_host(),
                seconds=TILES_SECONDS,
            ),
            latest_news=pagecache.cached_fragment("home-news", self.get_latest_news, self.pk),
            news_index=news_index,
            unit_index=unit_index,
        )
        return context

    @path("search/")
    @accepts("q", "page")
    def search(self, request):
        query = drop_control_characters(request.GET.get("q", "")).strip()[:SEARCH_QUERY_MAX_LENGTH]
        normalized = normalize_search_query(query)
        results = Page.objects.none()
        if normalized:
            results = (
                Page.objects.live()
                .public()
                .descendant_of(self, inclusive=True)
                .specific()
                .search(normalized)
            )
        paginator = Paginator(results, SEARCH_RESULTS_PER_PAGE)
        try:
            page_of_results = paginator.page(request.GET.get("page") or 1)
        except PageNotAnInteger:
            page_of_results = paginator.page(1)
        except EmptyPage:
            page_of_results = paginator.page(paginator.num_pages)
        return self.render(
            request,
            template="sitepages/search_results.html",
            context_overrides={
                "query": query,
                "query_encoded": quote(query),
                "results": page_of_results,
            },
        )

    def get_sitemap_urls(self, request=None):
        """The site's root also lists the other languages' pages, which Wagtail's
        sitemap (built from the root's descendants) would miss."""
        urls = super().get_sitemap_urls(request)
        site = Site.find_for_request(request) if request is not None else None
        if site is None or site.root_page_id != self.pk:
            return urls
        for home in self.get_translations().live():
            for page in (
                home.get_descendants(inclusive=True).live().public().order_by("path").specific()
            ):
                urls.extend(page.get_sitemap_urls(request))
        return urls
