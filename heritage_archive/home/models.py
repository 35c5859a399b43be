from django.db import models
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
