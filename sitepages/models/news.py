"""Announcements: an index with pagination, tags and feeds, and the announcements."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from cms.jalali import display_zone
from cms.querystring import accepts
from cms.text import drop_control_characters

from ..blocks import BodyBlock
from ..feeds import NewsAtomFeed, NewsRssFeed
from .base import PortalPageMixin, streamfield_text

NEWS_PER_PAGE = 10


def tehran_today():
    return timezone.localtime(timezone.now(), display_zone()).date()


class NewsPageQuerySet(PageQuerySet):
    def visible(self):
        """What the public may see now: live, not restricted, not past its expiry.

        Expired pages are unpublished by ``publish_scheduled``; until that runs, the
        expiry time alone already hides them.
        """
        return (
            self.live().public().filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))
        )

    def newest_first(self):
        return self.order_by("-date", "-first_published_at", "-pk")


NewsPageManager = PageManager.from_queryset(NewsPageQuerySet)


class NewsIndexPage(RoutablePageMixin, PortalPageMixin, Page):
    """Announcements, newest first, ten to a page, with RSS and Atom feeds."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, *PortalPageMixin.search_fields_normalized]

    parent_page_types = ["sitepages.HomePage"]
    subpage_types = ["sitepages.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("announcement index page")
        verbose_name_plural = _("announcement index pages")

    def search_text_parts(self):
        return [*super().search_text_parts(), self.intro]

    def get_news(self):
        return (
            NewsPage.objects.child_of(self)
            .visible()
            .newest_first()
            .only(
                "id",
                "title",
                "url_path",
                "path",
                "depth",
                "date",
                "summary",
                "first_published_at",
                "last_published_at",
                "locale_id",
            )
            .prefetch_related("tags")
        )

    @path("")
    @accepts("tag", "page")
    def news_list(self, request):
        news = self.get_news()
        tag = drop_control_characters(request.GET.get("tag", "")).strip()[:100]
        if tag:
            news = news.filter(tags__name=tag)
        paginator = Paginator(news, NEWS_PER_PAGE)
        try:
            page_of_news = paginator.page(request.GET.get("page") or 1)
        except PageNotAnInteger:
            page_of_news = paginator.page(1)
        except EmptyPage:
            page_of_news = paginator.page(paginator.num_pages)
        return self.render(
            request,
            context_overrides={
                "news": page_of_news,
                "tag": tag,
                "feeds": self.feed_urls(),
            },
        )

    @path("rss/")
    def rss_feed(self, request):
        return NewsRssFeed(self)(request)

    @path("atom/")
    def atom_feed(self, request):
        return NewsAtomFeed(self)(request)

    def feed_urls(self):
        return {
            "rss": self.url + self.reverse_subpage("rss_feed").lstrip("/"),
            "atom": self.url + self.reverse_subpage("atom_feed").lstrip("/"),
        }


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "sitepages.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsPage(PortalPageMixin, Page):
    """One announcement: news, a notice to students, an outage explained afterwards."""

    date = models.DateField(
        _("date"),
        default=tehran_today,
        help_text=_("The date readers see; announcements are listed newest first."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("Shown in lists, on the home page and in the feed."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    objects = NewsPageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
        *PortalPageMixin.search_fields_normalized,
    ]

    parent_page_types = ["sitepages.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def search_text_parts(self):
        return [
            *super().search_text_parts(),
            self.summary,
            streamfield_text(self.body),
            *[tag.name for tag in self.tags.all()],
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tags"] = list(self.tags.all())
        return context
