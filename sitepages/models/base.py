"""What every portal page shares: text normalised for search, breadcrumbs."""

from django.utils.html import strip_tags
from wagtail.models import PageViewRestriction
from wagtail.search import index

from cms import pagecache
from cms.text import normalize_search_query


class PortalPageMixin:
    """Mixed into each page type, before ``Page``.

    Wagtail's index keeps text as editors typed it: Arabic ي/ك, Latin or Persian digits,
    ZWNJ or a space. We index one more field holding the same text normalised as
    search queries are (:func:`cms.text.normalize_search_query`), so that a query
    finds the text whichever way either side was typed.
    """

    search_fields_normalized = [index.SearchField("normalized_search_text")]

    def search_text_parts(self):
        """The texts of this page that search should find; pages add their fields."""
        return [self.title, self.seo_title, self.search_description]

    def normalized_search_text(self):
        parts = [strip_tags(str(part)) for part in self.search_text_parts() if part]
        return normalize_search_query(" ".join(parts))

    def get_view_restrictions(self):
        """Wagtail asks this on every page it serves (one query). The paths of the pages
        that have restrictions are kept per page-cache generation (every restriction
        saved or deleted purges it), so a page outside them costs no query."""
        paths = pagecache.cached_fragment(
            "restricted-paths",
            lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True)),
        )
        if not any(self.path.startswith(path) for path in paths):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_breadcrumbs(self):
        """Ancestors below the tree's root (the home page first), in one query per
        page object: the breadcrumbs and the language links share it."""
        cached = getattr(self, "_portal_ancestors", None)
        if cached is None:
            cached = []
            if self.depth > 2:
                cached = list(
                    self.get_ancestors()
                    .filter(depth__gt=1)
                    .only("id", "title", "url_path", "path", "depth", "translation_key")
                )
            self._portal_ancestors = cached
        return cached


def streamfield_text(value):
    """The searchable text of a StreamField value, as one string."""
    if not value:
        return ""
    return " ".join(value.stream_block.get_searchable_content(value))
