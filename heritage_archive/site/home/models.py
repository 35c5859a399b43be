from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When, Window
from django.db.models.functions import Length, RowNumber, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from heritage_archive.core.models import ChineseSearchableMixin
from heritage_archive.core.visibility import visible_pages
from heritage_archive.records.feeds import RecordsFeed, alternate_links

# The home page's news blocks show this many articles per channel.
HOME_ARTICLES_PER_CHANNEL = 6


class HomePage(ChineseSearchableMixin, Page):
    """首页: the root of the site; its children are the eight sections."""

    intro = models.TextField(_("简介"), blank=True)
    hero_image = models.ForeignKey(
        "images.ArchiveImage",
        verbose_name=_("头图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("hero_image")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.StandardPage",
        "news.NewsIndexPage",
        "galleries.GalleryIndexPage",
        "training.CourseIndexPage",
        "events.EventIndexPage",
        "heritage.HeritageSectionPage",
        "branches.BranchIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("首页")

    def get_search_text_parts(self):
        return [self.intro]

    def feed_links(self):
        """The feed of newly published records, announced in the home page's head."""
        return alternate_links(
            RecordsFeed.label, lambda fmt: reverse("records_feed", kwargs={"fmt": fmt})
        )

    def get_context(self, request, *args, **kwargs):
        """Latest news per channel, featured heritage items, upcoming events, galleries.

        A fixed number of queries whatever the amount of content or the number
        of channels: the channels, their latest articles (all channels in one
        query, ranked per channel by a window function), and one query (plus
        its prefetches) per block. View restrictions are read once per request.
        """
        from heritage_archive.core.choices import LEVEL_RANKS
        from heritage_archive.records.heritage.models import HeritageItemPage
        from heritage_archive.site.events.models import EventPage
        from heritage_archive.site.galleries.models import GalleryPage
        from heritage_archive.site.news.models import NewsChannelPage

        context = super().get_context(request, *args, **kwargs)

        def visible(queryset):
            return visible_pages(queryset, request).descendant_of(self)

        channels = list(visible(NewsChannelPage.objects.all()).order_by("path"))
        context["news_channels"] = [
            (channel, articles)
            for channel, articles in zip(channels, latest_articles(channels, request), strict=True)
        ]
        # Featured: the highest-listed items first, as visitors look for those.
        level_rank = Case(
            *[When(level=level, then=Value(rank)) for level, rank in LEVEL_RANKS.items()],
            default=Value(0),
            output_field=IntegerField(),
        )
        context["featured_items"] = (
            visible(HeritageItemPage.objects.all())
            .annotate(level_rank=level_rank)
            .order_by("-level_rank", "key_folded")
            .prefetch_related("gallery_images__image__renditions")[:6]
        )
        context["upcoming_events"] = (
            visible(EventPage.objects.all())
            .filter(end_at__gte=timezone.now())
            .select_related("image")
            .prefetch_related("image__renditions")
            .order_by("start_at")[:4]
        )
        context["gallery_highlights"] = (
            visible(GalleryPage.objects.all())
            .prefetch_related("gallery_images__image__renditions")
            .order_by("-date", "-pk")[:4]
        )
        return context


def latest_articles(channels, request, per_channel=HOME_ARTICLES_PER_CHANNEL):
    """The newest ``per_channel`` live articles of each channel, in one query.

    Returns one list per channel, in the order of ``channels``. Articles are
    the channels' children; they are numbered within their parent (the path
    without its last step) newest first, and only the first few are kept.
    """
    from heritage_archive.site.news.models import ArticlePage

    if not channels:
        return []
    in_channels = Q()
    for channel in channels:
        in_channels |= Q(path__startswith=channel.path, depth=channel.depth + 1)
    parent_path = Substr("path", 1, Length("path") - Page.steplen)
    articles = (
        visible_pages(ArticlePage.objects.filter(in_channels), request)
        .annotate(
            rank_in_channel=Window(
                RowNumber(),
                partition_by=[parent_path],
                order_by=[F("date").desc(), F("pk").desc()],
            )
        )
        .filter(rank_in_channel__lte=per_channel)
        .order_by("path")
    )
    by_parent = {}
    for article in articles:
        by_parent.setdefault(article.path[: -Page.steplen], []).append(article)
    for listed in by_parent.values():
        listed.sort(key=lambda article: article.rank_in_channel)
    return [by_parent.get(channel.path, []) for channel in channels]
