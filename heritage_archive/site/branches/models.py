"""文化馆总分馆: the district 总馆, township 分馆 and village 服务点."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from heritage_archive.core.blocks import BodyStreamBlock
from heritage_archive.core.models import (
    ChineseSearchableMixin,
    GalleryImageBase,
    IndexPage,
    stream_text,
)


class BranchIndexPage(IndexPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["branches.BranchPage", "pages.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("文化馆总分馆")

    def get_branches(self):
        return (
            self.visible_children(BranchPage)
            .select_related("township")
            .order_by("branch_level", "title")
        )


class BranchPage(ChineseSearchableMixin, Page):
    class BranchLevel(models.TextChoices):
        # Sorted so the 总馆 comes first.
        MAIN = "1-main", _("总馆")
        BRANCH = "2-branch", _("分馆")
        SERVICE_POINT = "3-service-point", _("服务点")

    branch_level = models.CharField(
        _("层级"), max_length=20, choices=BranchLevel.choices, default=BranchLevel.BRANCH
    )
    township = models.ForeignKey(
        "core.Region",
        verbose_name=_("所在乡镇/街道"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="branches",
    )
    address = models.CharField(_("地址"), max_length=200)
    opening_hours = models.CharField(_("开放时间"), max_length=200, blank=True)
    phone = models.CharField(_("电话"), max_length=50, blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("介绍"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("branch_level"),
                FieldPanel("township"),
                FieldPanel("address"),
                FieldPanel("opening_hours"),
                FieldPanel("phone"),
            ],
            heading=_("基本信息"),
        ),
        FieldPanel("body"),
        InlinePanel("gallery_images", label=_("照片")),
    ]

    parent_page_types = ["branches.BranchIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("分馆/服务点")
        verbose_name_plural = _("分馆/服务点")

    def get_search_text_parts(self):
        return [self.address, stream_text(self.body)]


class BranchImage(GalleryImageBase):
    page = ParentalKey(BranchPage, on_delete=models.CASCADE, related_name="gallery_images")
