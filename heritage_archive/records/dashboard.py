"""The archive's panels on the Wagtail dashboard, and the work lists a heritage office keeps.

Shared here: counts of the records by category, level and township, the
records changed last, and what waits for review. Each record app adds the
work lists only it can define (items missing what a listing needs, elderly
inheritors without a recording) through the hook ``register_archive_worklist``,
as it adds its admin listing; every list links to the records and downloads
as CSV.

A curator sees only the records they may edit (Wagtail's page permissions),
so a draft of another section's list does not show its title here.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Max, QuerySet
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from heritage_archive.core.addresses import absolute_url
from heritage_archive.core.spreadsheets import spreadsheet_safe
from heritage_archive.records.registry import record_models, record_type_of, record_types

# Rows a panel shows; the CSV download has them all.
PANEL_ROWS = 10
# The dimensions the summary counts, when a record model has the field.
SUMMARY_FIELDS = (
    ("category", _("按类别")),
    ("level", _("按最高级别")),
    ("region", _("按所属地区")),
)


@dataclass(frozen=True)
class Worklist:
    """A list of records that need a curator's attention, defined by a record app."""

    slug: str
    title: str
    description: str
    # The records on the list, of the app's own model (specific pages).
    queryset: Callable[[], QuerySet]
    # Why a record is on the list, in a few words ("缺：图片、文号").
    reason: Callable[[Page], str]


def worklists():
    return [register() for register in hooks.get_hooks("register_archive_worklist")]


def worklist_named(slug):
    for worklist in worklists():
        if worklist.slug == slug:
            return worklist
    raise Http404


def editable(queryset, user):
    """The pages of ``queryset`` that ``user`` may edit."""
    allowed = PagePermissionPolicy().instances_user_has_any_permission_for(
        user, ["change", "publish"]
    )
    return queryset.filter(pk__in=allowed.values("pk"))


def editable_records(user):
    """Every record page (of any record type) that ``user`` may edit, with its type's name."""
    return editable(Page.objects.type(*record_models()), user).select_related("content_type")


def with_type_labels(pages):
    return [(page, record_type_of(page.specific_class).label) for page in pages]


def worklist_rows(worklist, user):
    """The list's records that ``user`` may edit, in the list's own order."""
    return editable(worklist.queryset(), user)


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def worklist_csv(worklist, user):
    """The whole list as a CSV download (UTF-8 with a BOM, so Excel reads the Chinese)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("编号"), _("标题"), _("状态"), _("原因"), _("编辑链接")])
    for page in worklist_rows(worklist, user):
        writer.writerow(
            spreadsheet_safe(value)
            for value in (
                getattr(page, "key", ""),
                page.title,
                _("已发布") if page.live else _("草稿"),
                worklist.reason(page),
                absolute_url(_edit_url(page)),
            )
        )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    filename = f"{worklist.slug}_{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ArchiveSummaryPanel(Component):
    name = "archive_summary"
    template_name = "records/dashboard/summary.html"
    order = 50

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        columns = [
            (record_type, editable(record_type.model.objects.all(), user))
            for record_type in record_types()
        ]
        tables = []
        for field_name, heading in SUMMARY_FIELDS:
            counted = [
                (record_type, self._counts(queryset, field_name))
                for record_type, queryset in columns
                if _has_field(record_type.model, field_name)
            ]
            if not counted:
                continue
            labels = _labels(counted[0][0].model, field_name)
            values = sorted(
                {value for _type, counts in counted for value in counts},
                key=lambda value: (
                    list(labels).index(value) if value in labels else len(labels),
                    str(value),
                ),
            )
            tables.append(
                {
                    "heading": heading,
                    "types": [record_type.label for record_type, _counts in counted],
                    "rows": [
                        (
                            labels.get(value, value or _("（未填）")),
                            [counts.get(value, 0) for _t, counts in counted],
                        )
                        for value in values
                    ],
                }
            )
        totals = [
            (record_type.label, queryset.count(), queryset.filter(live=True).count())
            for record_type, queryset in columns
        ]
        return {"totals": totals, "tables": tables}

    @staticmethod
    def _counts(queryset, field_name):
        key = "region__name" if field_name == "region" else field_name
        return {
            row[key] or "": row["n"]
            for row in queryset.order_by().values(key).annotate(n=Count("pk"))
        }


def _has_field(model, name):
    return any(field.name == name for field in model._meta.get_fields())


def _labels(model, field_name):
    """{stored value: label} in the field's own order (Ⅰ…Ⅹ, 世界级 → 县级)."""
    field = model._meta.get_field(field_name)
    return dict(field.choices or [])


class RecentRecordsPanel(Component):
    name = "recent_records"
    template_name = "records/dashboard/recent.html"
    order = 60

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        recent = editable_records(user).order_by("-latest_revision_created_at")[:PANEL_ROWS]
        return {"records": with_type_labels(recent)}


class AwaitingReviewPanel(Component):
    """Records submitted to moderation and not yet approved or sent back, oldest first.

    Wagtail's own panel lists only what the viewer may approve; this one is the
    office's whole queue, so a curator sees what is stuck and since when.
    """

    name = "records_awaiting_review"
    template_name = "records/dashboard/review.html"
    order = 70

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        pages = (
            editable_records(user)
            .filter(_workflow_states__status=WorkflowState.STATUS_IN_PROGRESS)
            .annotate(submitted_at=Max("_workflow_states__created_at"))
            .order_by("submitted_at")
        )
        waiting = list(pages[: PANEL_ROWS + 1])
        return {
            "records": with_type_labels(waiting[:PANEL_ROWS]),
            "more": len(waiting) > PANEL_ROWS,
        }


class WorklistPanel(Component):
    template_name = "records/dashboard/worklist.html"
    order = 80

    def __init__(self, worklist):
        self.worklist = worklist
        self.name = f"worklist_{worklist.slug}"

    def get_context_data(self, parent_context):
        rows = worklist_rows(self.worklist, parent_context["request"].user)
        shown = list(rows[:PANEL_ROWS])
        return {
            "worklist": self.worklist,
            "total": rows.count() if len(shown) == PANEL_ROWS else len(shown),
            "rows": [(page, self.worklist.reason(page)) for page in shown],
            "export_url": reverse("archive_worklist_csv", args=[self.worklist.slug]),
        }


def dashboard_panels():
    return [
        ArchiveSummaryPanel(),
        AwaitingReviewPanel(),
        RecentRecordsPanel(),
        *(WorklistPanel(worklist) for worklist in worklists()),
    ]


def worklist_csv_view(request, slug):
    return worklist_csv(worklist_named(slug), request.user)
