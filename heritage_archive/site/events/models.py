"""活动开展: events of the center, listed as upcoming and past."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from heritage_archive.core.blocks import BodyStreamBlock
from heritage_archive.core.models import ChineseSearchableMixin, IndexPage, stream_text
from heritage_archive.records.registry import RecordType
from heritage_archive.site.signups.models import SignupSettingsMixin


class EventIndexPage(IndexPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("活动开展")

    def get_events(self):
        return self.visible_children(EventPage).select_related("image")

    def upcoming_events(self):
        return self.get_events().filter(end_at__gte=timezone.now()).order_by("start_at")

    def past_events(self):
        return self.get_events().filter(end_at__lt=timezone.now()).order_by("-start_at")


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class EventPage(SignupSettingsMixin, ChineseSearchableMixin, Page):
    record_type = RecordType("event", _("活动"), position=7)

    start_at = models.DateTimeField(_("开始时间"))
    end_at = models.DateTimeField(_("结束时间"))
    location = models.CharField(_("地点"), max_length=200, blank=True)
    summary = models.TextField(_("简介"), blank=True)
    image = models.ForeignKey(
        "images.ArchiveImage",
        verbose_name=_("图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("正文"), blank=True)
    tags = ClusterTaggableManager(through=EventPageTag, blank=True, verbose_name=_("标签"))

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("start_at"), FieldPanel("end_at")]),
        FieldPanel("location"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("tags"),
        *SignupSettingsMixin.signup_panels,
    ]
    # Sign-ups are deleted SIGNUP_RETENTION_DAYS after the event ends.
    signup_finished_field = "end_at"
    search_fields = [*ChineseSearchableMixin.search_fields, index.FilterField("start_at")]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("活动")
        verbose_name_plural = _("活动")

    def clean(self):
        super().clean()
        if self.start_at and self.end_at and self.end_at < self.start_at:
            raise ValidationError({"end_at": _("结束时间不能早于开始时间。")})

    @property
    def is_upcoming(self):
        return self.end_at >= timezone.now()

    def get_search_text_parts(self):
        return [self.location, self.summary, stream_text(self.body)]
