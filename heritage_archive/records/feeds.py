"""Atom and RSS 2.0 feeds of public pages (django.contrib.syndication).

PageFeed holds what every feed of the site shares: absolute links from the
site's address (``core.addresses``, the same root as permanent links), the
permanent link as each entry's id, the center as author, and only pages the
public may see. RecordsFeed is the feed of newly published archive records;
the news channels have their own (site.news).
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.encoding import iri_to_uri
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from heritage_archive.core.addresses import absolute_url
from heritage_archive.core.visibility import visible_pages
from heritage_archive.records.citations import permanent_url, site_name_for
from heritage_archive.records.registry import record_models, record_type_of, record_types

FEED_TYPES = {"atom": Atom1Feed, "rss": Rss201rev2Feed}
FEED_LABELS = {"atom": "Atom", "rss": "RSS"}
FEED_LENGTH = 50


def alternate_links(title, url_of_format):
    """The <link rel="alternate"> rows of a feed in both formats, for includes/feed_links.html."""
    return [
        {
            "type": FEED_TYPES[fmt].content_type.split(";")[0],
            "title": f"{title} ({FEED_LABELS[fmt]})",
            "url": url_of_format(fmt),
        }
        for fmt in FEED_TYPES
    ]


class PageFeed(Feed):
    """A feed of public pages. One instance per request: its item methods need the request."""

    # RSS: the guid is the permanent link, which opens the page.
    item_guid_is_permalink = True

    def __init__(self, request, fmt):
        super().__init__()
        if fmt not in FEED_TYPES:
            raise Http404
        self.request = request
        self.feed_type = FEED_TYPES[fmt]

    def absolute(self, url):
        return absolute_url(url, self.request)

    def serve(self, *args, **kwargs):
        return self(self.request, *args, **kwargs)

    def feed_url(self):
        return self.absolute(self.request.path)

    def author_name(self):
        return site_name_for(self.request)

    def item_title(self, page):
        return page.title

    def item_link(self, page):
        return self.absolute(page.get_url(self.request))

    def item_guid(self, page):
        return iri_to_uri(permanent_url(page, self.request))

    def item_description(self, page):
        # Both formats carry the summary as HTML; it is plain text, so escape it.
        return escape(getattr(page, "summary", ""))

    def item_pubdate(self, page):
        return page.first_published_at

    def item_updateddate(self, page):
        return page.last_published_at or page.first_published_at


def archive_record_models():
    """The archive's own records (heritage items, inheritors, figures): the keyed types."""
    return record_models([record_type for record_type in record_types() if record_type.keyed])


class RecordsFeed(PageFeed):
    """新发布的档案条目: the most recently published records first."""

    label = gettext_lazy("新发布的档案条目")

    def title(self):
        return f"{self.label} - {site_name_for(self.request)}"

    def link(self):
        return self.absolute("/")

    def description(self):
        return _("%(site)s数字档案新发布的非遗项目、传承人和名人录条目。") % {
            "site": site_name_for(self.request)
        }

    def items(self):
        pages = visible_pages(Page.objects.type(*archive_record_models()), self.request)
        return pages.order_by("-first_published_at", "-pk").specific()[:FEED_LENGTH]

    def item_categories(self, page):
        return [str(record_type_of(page).label)]


def records_feed_view(request, fmt):
    """/feeds/records/atom/ and /feeds/records/rss/."""
    return RecordsFeed(request, fmt).serve()
