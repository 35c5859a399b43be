"""安次名人录: notable local figures, an index inside the 安次之韵 channel."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, PagePermissionTester
from wagtail.search import index

from heritage_archive.core.blocks import BodyStreamBlock
from heritage_archive.core.models import ChineseSearchableMixin, IndexPage, format_year, stream_text
from heritage_archive.core.tags import split_list
from heritage_archive.records.api_fields import RelatedRecordsField, TagNamesField
from heritage_archive.records.autocomplete import RecordAutocompleteMixin, record_panel
from heritage_archive.records.browsing import browse_context
from heritage_archive.records.registry import RecordType

from .structured_data import figure_data

# Changing 安次名人录 needs this model permission besides the page permissions.
FIGURES_PERMISSION = "figures.change_figurepage"


class FigurePermissionTester(PagePermissionTester):
    """Page permissions inside 安次名人录 count only with ``figures.change_figurepage``.

    The list sits inside the 安次之韵 news channel, where 信息编辑 hold add,
    change and publish (core/roles.py); page permissions are inherited down
    the tree and cannot be taken back below, so here a user without the
    model permission keeps none of them. Wagtail asks this tester on every
    path: the page views, the explorer's bulk actions, move, copy, delete,
    unpublish (with descendants), revisions and workflow actions.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        if user.is_active and not user.is_superuser and not user.has_perm(FIGURES_PERMISSION):
            self.permissions = set()


class FigurePermissionsMixin:
    def permissions_for_user(self, user):
        return FigurePermissionTester(user, self)


class FigureIndexPage(FigurePermissionsMixin, IndexPage):
    parent_page_types = ["news.NewsChannelPage"]
    subpage_types = ["figures.FigurePage"]
    max_count = 1

    class Meta:
        verbose_name = _("安次名人录")

    def get_context(self, request, *args, **kwargs):
        """The figures by birth year, filtered by ?q= and ?era= as the search filters them."""
        context = super().get_context(request, *args, **kwargs)
        context.update(
            browse_context(
                self.visible_children(FigurePage),
                request,
                sorts=("", "title"),
                prefetch="portrait__renditions",
                related=("portrait",),
                default_order=("birth_year", "key"),
            )
        )
        return context


class FigurePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "figures.FigurePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class FigurePage(FigurePermissionsMixin, RecordAutocompleteMixin, ChineseSearchableMixin, Page):
    """A notable local figure; the page title is the name.

    Years may be unknown (empty), approximate (约) or BCE (negative).
    """

    record_type = RecordType(
        "figure", _("名人"), keyed=True, harvest_label=_("安次名人"), position=3
    )

    key = models.CharField(
        _("编号"),
        max_length=50,
        unique=True,
        help_text=_("名人录编号，如 MR-001；用于永久链接，保存后不要更改。"),
    )
    alt_names = models.CharField(
        _("字号/别名"),
        max_length=200,
        blank=True,
        help_text=_("字、号、笔名或别名，多个用“、”分隔。"),
    )
    era = models.CharField(
        _("时代"), max_length=50, blank=True, help_text=_("所处时代，如 明、清、民国、当代。")
    )
    birth_year = models.SmallIntegerField(
        _("生年"), null=True, blank=True, help_text=_("出生年份，公元前用负数，如 -221。")
    )
    birth_year_approximate = models.BooleanField(
        _("生年为约数"), default=False, help_text=_("生年不确切时勾选，页面显示为“约…年”。")
    )
    death_year = models.SmallIntegerField(
        _("卒年"), null=True, blank=True, help_text=_("去世年份，公元前用负数；在世者留空。")
    )
    death_year_approximate = models.BooleanField(
        _("卒年为约数"), default=False, help_text=_("卒年不确切时勾选，页面显示为“约…年”。")
    )
    hometown = models.CharField(
        _("籍贯"), max_length=100, blank=True, help_text=_("籍贯或出生地，如 安次区葛渔城镇。")
    )
    field = models.CharField(
        _("领域"),
        max_length=100,
        blank=True,
        help_text=_("主要成就所在领域，如 书法、戏曲、教育。"),
    )
    summary = models.TextField(
        _("简介"), blank=True, help_text=_("人物简介，列表和搜索结果中显示。")
    )
    biography = StreamField(
        BodyStreamBlock(),
        verbose_name=_("生平"),
        blank=True,
        help_text=_("生平事迹、主要成就与相关史料。"),
    )
    sources = models.TextField(
        _("参考文献"), blank=True, help_text=_("史志、族谱等参考文献，每行一条。")
    )
    portrait = models.ForeignKey(
        "images.ArchiveImage",
        verbose_name=_("肖像"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("人物肖像或画像；请在上传时填写替代文字。"),
    )
    tags = ClusterTaggableManager(
        through=FigurePageTag,
        blank=True,
        verbose_name=_("标签"),
        help_text=_("关键词，可用“，”“、”“；”或英文逗号分隔。"),
    )
    related_figures = ParentalManyToManyField(
        "self",
        verbose_name=_("相关人物"),
        blank=True,
        help_text=_("有师承、亲属或同时代交往关系的人物。"),
    )
    related_items = ParentalManyToManyField(
        "heritage.HeritageItemPage",
        verbose_name=_("相关非遗项目"),
        blank=True,
        related_name="figures",
        help_text=_("与此人物有关的非遗项目，如其创立或传承的项目。"),
    )
    is_sample = models.BooleanField(
        _("示例数据"), default=False, help_text=_("演示用的示例内容，正式著录的人物不勾选。")
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("key"),
                FieldPanel("alt_names"),
                FieldPanel("era"),
                FieldRowPanel([FieldPanel("birth_year"), FieldPanel("birth_year_approximate")]),
                FieldRowPanel([FieldPanel("death_year"), FieldPanel("death_year_approximate")]),
                FieldPanel("hometown"),
                FieldPanel("field"),
                FieldPanel("portrait"),
            ],
            heading=_("基本信息"),
        ),
        FieldPanel("summary"),
        FieldPanel("biography"),
        FieldPanel("sources"),
        FieldPanel("tags"),
        record_panel("related_figures"),
        record_panel("related_items"),
        FieldPanel("is_sample"),
    ]
    search_fields = [
        *ChineseSearchableMixin.search_fields,
        index.SearchField("key"),
        index.FilterField("era"),
    ]
    api_fields = [
        APIField("key"),
        APIField("alt_names"),
        APIField("era"),
        APIField("birth_year"),
        APIField("birth_year_approximate"),
        APIField("death_year"),
        APIField("death_year_approximate"),
        APIField("lifespan"),
        APIField("hometown"),
        APIField("field"),
        APIField("summary"),
        APIField("sources"),
        APIField("tags", serializer=TagNamesField()),
        APIField("related_figures", serializer=RelatedRecordsField()),
        APIField("related_items", serializer=RelatedRecordsField()),
    ]

    parent_page_types = ["figures.FigureIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("名人")
        verbose_name_plural = _("名人")

    @classmethod
    def autosave_key_clash(cls, data):
        """Pages holding a submitted form's key (core.drafts)."""
        key = (data.get("key") or "").strip()
        return Q(key=key) if key else Q(pk__in=[])

    def clean(self):
        super().clean()
        if (
            self.birth_year is not None
            and self.death_year is not None
            and self.death_year < self.birth_year
        ):
            raise ValidationError({"death_year": _("卒年不能早于生年。")})

    @property
    def alt_name_list(self):
        return split_list(self.alt_names)

    @property
    def source_list(self):
        return [line.strip() for line in self.sources.splitlines() if line.strip()]

    @property
    def lifespan(self):
        """生卒年 as shown on the page, e.g. 约1820年—1890年; "" when both are unknown."""
        birth = format_year(self.birth_year, self.birth_year_approximate)
        death = format_year(self.death_year, self.death_year_approximate)
        if not birth and not death:
            return ""
        return f"{birth or '？'}—{death or '？'}"

    def structured_data(self, request, *, site_name=""):
        return figure_data(self, request, site_name=site_name)

    def search_facets(self):
        return {"era": self.era}

    def get_search_text_parts(self):
        return [
            self.key,
            self.alt_names,
            self.era,
            self.hometown,
            self.field,
            self.summary,
            stream_text(self.biography),
        ]
