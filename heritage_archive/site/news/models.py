"""信息发布: the news section, its four channels, articles and periodical issues."""

import datetime

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from heritage_archive.core.blocks import BodyStreamBlock
from heritage_archive.core.models import ChineseSearchableMixin, IndexPage, stream_text
from heritage_archive.core.page_cache import count_pending_views, is_countable_view
from heritage_archive.core.visibility import visible_pages
from heritage_archive.records.citations import site_name_for
from heritage_archive.records.feeds import FEED_LENGTH, PageFeed, alternate_links
from heritage_archive.records.registry import RecordType


class NewsIndexPage(IndexPage):
    """信息发布: holds the channels."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsChannelPage", "news.PeriodicalIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("信息发布")


class NewsChannelPage(RoutablePageMixin, IndexPage):
    """A channel of 信息发布: 信息公开, 馆务动态, 安次之韵, with its Atom and RSS feeds."""

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = ["news.ArticlePage", "figures.FigureIndexPage"]

    class Meta:
        verbose_name = _("信息栏目")

    def get_articles(self):
        return self.visible_children(ArticlePage).order_by("-date", "-pk")

    # Wagtail answers for the channel first (404 when it is not live, its
    # password or login form when restricted, core's hook when expired), so a
    # feed is never more public than its channel.
    @re_path(r"^feed/(?P<fmt>atom|rss)/$", name="feed")
    def feed(self, request, fmt):
        return ChannelFeed(request, fmt).serve(channel=self)

    def feed_links(self):
        """The channel's feeds for the page head (<link rel="alternate">)."""
        return alternate_links(
            self.title, lambda fmt: self.url + self.reverse_subpage("feed", kwargs={"fmt": fmt})
        )


class ChannelFeed(PageFeed):
    """The articles of one channel, newest first, as the channel lists them."""

    def get_object(self, request, channel):
        return channel

    def title(self, channel):
        return f"{channel.title} - {site_name_for(self.request)}"

    def link(self, channel):
        return self.absolute(channel.get_url(self.request))

    def description(self, channel):
        return channel.introduction or gettext("%(channel)s栏目的最新文章") % {
            "channel": channel.title
        }

    def items(self, channel):
        return channel.get_articles()[:FEED_LENGTH]

    def item_pubdate(self, article):
        # 发布日期 is the article's own date (a day); the feed needs a moment in it.
        return timezone.make_aware(datetime.datetime.combine(article.date, datetime.time()))

    def item_updateddate(self, article):
        updated = article.last_published_at or article.first_published_at
        published = self.item_pubdate(article)
        return max(updated, published) if updated else published


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(ChineseSearchableMixin, Page):
    """A news article as on the seed page: 来源, 编辑, 点击次数, 更新时间."""

    record_type = RecordType("article", _("文章"), position=4)

    date = models.DateField(_("发布日期"), default=timezone.localdate)
    source = models.CharField(_("来源"), max_length=100, blank=True, default="安次区文化馆")
    editor = models.CharField(_("编辑"), max_length=50, blank=True)
    summary = models.TextField(_("摘要"), blank=True)
    cover_image = models.ForeignKey(
        "images.ArchiveImage",
        verbose_name=_("封面图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("正文"), blank=True)
    # Counted by the page view with an UPDATE ... SET view_count = view_count + 1,
    # never through a revision, so it is not editable in the admin.
    view_count = models.PositiveIntegerField(_("点击次数"), default=0, editable=False)
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name=_("标签"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("source"), FieldPanel("editor")], heading=_("出处")
        ),
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *ChineseSearchableMixin.search_fields,
        index.FilterField("date"),
    ]

    parent_page_types = ["news.NewsChannelPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("文章")
        verbose_name_plural = _("文章")

    @property
    def updated_at(self):
        """更新时间: when the article was last published."""
        return self.last_published_at or self.first_published_at

    def get_search_text_parts(self):
        return [self.summary, stream_text(self.body)]

    # The page cache counts a view answered from the cache in the cache
    # (core.page_cache); count_views adds those to the row.
    counts_views = True

    def count_views(self, number):
        """Add ``number`` views atomically in the database, without a revision."""
        ArticlePage.objects.filter(pk=self.pk).update(view_count=F("view_count") + number)

    def serve(self, request, *args, **kwargs):
        if is_countable_view(request):
            # This visit, and the ones the page cache answered since the last
            # flush, so the page shows the count as it is.
            number = 1 + count_pending_views(self)
            self.count_views(number)
            # Show the count including this visit without reading the row again.
            self.view_count += number
        return super().serve(request, *args, **kwargs)

    def get_siblings_in_channel(self):
        return visible_pages(ArticlePage.objects.all()).sibling_of(self, inclusive=False)

    def previous_article(self):
        return (
            self.get_siblings_in_channel()
            .filter(models.Q(date__lt=self.date) | models.Q(date=self.date, pk__lt=self.pk))
            .order_by("-date", "-pk")
            .first()
        )

    def next_article(self):
        return (
            self.get_siblings_in_channel()
            .filter(models.Q(date__gt=self.date) | models.Q(date=self.date, pk__gt=self.pk))
            .order_by("date", "pk")
            .first()
        )


class PeriodicalIndexPage(IndexPage):
    """安次文化刊物: the channel of the center's periodical."""

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = ["news.PeriodicalIssuePage"]
    max_count = 1

    class Meta:
        verbose_name = _("安次文化刊物")

    def get_issues(self):
        return (
            self.visible_children(PeriodicalIssuePage)
            .select_related("cover_image", "pdf")
            .order_by("-date")
        )


class PeriodicalIssuePage(ChineseSearchableMixin, Page):
    """One issue of 安次文化刊物: a PDF with its cover."""

    issue_number = models.CharField(_("期号"), max_length=50)
    date = models.DateField(_("出版日期"), default=timezone.localdate)
    cover_image = models.ForeignKey(
        "images.ArchiveImage",
        verbose_name=_("封面"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    pdf = models.ForeignKey(
        "mediafiles.ArchiveDocument",
        verbose_name=_("PDF 文件"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    summary = models.TextField(_("本期要目"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("issue_number"),
        FieldPanel("date"),
        FieldPanel("cover_image"),
        FieldPanel("pdf"),
        FieldPanel("summary"),
    ]

    parent_page_types = ["news.PeriodicalIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("刊物期号")

    def get_search_text_parts(self):
        return [self.issue_number, self.summary]
