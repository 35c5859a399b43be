from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from heritage_archive.core.blocks import BodyStreamBlock
from heritage_archive.core.models import ChineseSearchableMixin, stream_text


class StandardPage(ChineseSearchableMixin, Page):
    """A plain page: 本馆概况 and its sub-pages, notices, about pages."""

    introduction = models.TextField(_("导语"), blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("正文"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]

    parent_page_types = [
        "home.HomePage",
        "pages.StandardPage",
        "heritage.HeritageSectionPage",
        "branches.BranchIndexPage",
    ]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = _("普通页面")

    def get_search_text_parts(self):
        return [self.introduction, stream_text(self.body)]
