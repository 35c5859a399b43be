from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from heritage_archive.core.models import ChineseSearchableMixin


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

    def get_context(self, request, *args, **kwargs):
        """Latest news per channel, featured heritage items, upcoming events, galleries.

        A fixed number of queries: one per channel, plus one (and its
        prefetches) per block, whatever the amount of content.
        """
        from heritage_archive.core.choices import LEVEL_RANKS
        from heritage_archive.events.models import EventPage
        from heritage_archive.galleries.models import GalleryPage
        from heritage_archive.heritage.models import HeritageItemPage
        from heritage_archive.news.models import NewsChannelPage

        context = super().get_context(request, *args, **kwargs)
        channels = NewsChannelPage.objects.live().public().descendant_of(self).order_by("path")
        context["news_channels"] = [
            (channel, list(channel.get_articles()[:6])) for channel in channels
        ]
        # Featured: the highest-listed items first, as visitors look for those.
        level_rank = Case(
            *[When(level=level, then=Value(rank)) for level, rank in LEVEL_RANKS.items()],
            default=Value(0),
            output_field=IntegerField(),
        )
        context["featured_items"] = (
            HeritageItemPage.objects.live()
            .public()
            .descendant_of(self)
            .annotate(level_rank=level_rank)
            .order_by("-level_rank", "key_folded")
            .prefetch_related("gallery_images__image__renditions")[:6]
        )
        context["upcoming_events"] = (
            EventPage.objects.live()
            .public()
            .descendant_of(self)
            .filter(end_at__gte=timezone.now())
            .select_related("image")
            .prefetch_related("image__renditions")
            .order_by("start_at")[:4]
        )
        context["gallery_highlights"] = (
            GalleryPage.objects.live()
            .public()
            .descendant_of(self)
            .prefetch_related("gallery_images__image__renditions")
            .order_by("-date", "-pk")[:4]
        )
        return context
