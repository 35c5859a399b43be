from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column

from heritage_archive.records.admin_listings import (
    LevelAndRegionFilterSet,
    RecordListingViewSet,
    record_columns,
    region_column,
)
from heritage_archive.records.dashboard import Worklist

from .models import InheritorMedia, InheritorPage


class InheritorFilterSet(LevelAndRegionFilterSet):
    class Meta(LevelAndRegionFilterSet.Meta):
        model = InheritorPage


class InheritorListing(RecordListingViewSet):
    model = InheritorPage
    icon = "user"
    menu_label = _("传承人")
    name = "inheritors"
    filterset_class = InheritorFilterSet
    columns = record_columns(
        Column("key", label=_("编号"), sort_key="key"),
        Column("level", label=_("最高级别"), accessor="get_level_display", sort_key="level"),
        region_column(),
    )


@hooks.register("register_record_listing")
def register_inheritor_listing():
    return InheritorListing


# 抢救性记录: the oldest inheritors first, while they can still be recorded.
RESCUE_RECORDING_AGE = 70


def _elderly_without_recording():
    born_by = timezone.localdate().year - RESCUE_RECORDING_AGE
    return (
        InheritorPage.objects.filter(birth_year__lte=born_by)
        .exclude(Exists(InheritorMedia.objects.filter(page=OuterRef("pk"))))
        .order_by("birth_year", "path")
    )


def _age(inheritor):
    age = timezone.localdate().year - inheritor.birth_year
    return _("%(age)s 岁（%(year)s 年生），无音视频") % {"age": age, "year": inheritor.birth_year}


@hooks.register("register_archive_worklist")
def register_rescue_recording_worklist():
    return Worklist(
        slug="rescue-recording",
        title=_("抢救性记录：70 岁以上且无音视频的传承人"),
        description=_("按年龄从高到低；为他们补录音频或视频后即从此列表移出。"),
        queryset=_elderly_without_recording,
        reason=_age,
    )
