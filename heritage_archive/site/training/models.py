"""网上培训: online courses and their lessons."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from heritage_archive.core.blocks import BodyStreamBlock
from heritage_archive.core.models import ChineseSearchableMixin, IndexPage, stream_text
from heritage_archive.core.visibility import visible_pages
from heritage_archive.records.registry import RecordType
from heritage_archive.site.signups.models import SignupSettingsMixin


class CourseIndexPage(IndexPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["training.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("网上培训")

    def get_courses(self):
        return (
            self.visible_children(CoursePage)
            .select_related("cover_image")
            .order_by("-first_published_at", "-pk")
        )


class CoursePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "training.CoursePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class CoursePage(SignupSettingsMixin, ChineseSearchableMixin, Page):
    record_type = RecordType("course", _("课程"), position=6)

    teacher = models.CharField(_("授课教师"), max_length=100, blank=True)
    audience = models.CharField(_("适合对象"), max_length=100, blank=True)
    summary = models.TextField(_("课程简介"), blank=True)
    cover_image = models.ForeignKey(
        "images.ArchiveImage",
        verbose_name=_("封面图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("正文"), blank=True)
    # An online course has no date of its own; with sign-up it needs one, after
    # which the sign-ups are deleted (purge_signups).
    course_ends_at = models.DateTimeField(_("课程结束时间"), null=True, blank=True)
    tags = ClusterTaggableManager(through=CoursePageTag, blank=True, verbose_name=_("标签"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("teacher"),
        FieldPanel("audience"),
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        FieldPanel("tags"),
        FieldPanel("course_ends_at"),
        *SignupSettingsMixin.signup_panels,
    ]
    signup_finished_field = "course_ends_at"

    parent_page_types = ["training.CourseIndexPage"]
    subpage_types = ["training.LessonPage"]

    class Meta:
        verbose_name = _("课程")
        verbose_name_plural = _("课程")

    def get_lessons(self):
        return visible_pages(LessonPage.objects.all()).child_of(self).order_by("lesson_number")

    def search_facets(self):
        # A course's videos are on its lessons.
        return {"media": ["video"] if self.get_lessons().exclude(video=None).exists() else []}

    def get_search_text_parts(self):
        return [self.teacher, self.audience, self.summary, stream_text(self.body)]


class LessonPage(ChineseSearchableMixin, Page):
    lesson_number = models.PositiveSmallIntegerField(_("课次"), default=1)
    video = models.ForeignKey(
        "mediafiles.ArchiveMedia",
        verbose_name=_("视频"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("内容"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("lesson_number"),
        FieldPanel("video"),
        FieldPanel("body"),
    ]

    parent_page_types = ["training.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("课时")
        verbose_name_plural = _("课时")

    def get_search_text_parts(self):
        return [stream_text(self.body)]
