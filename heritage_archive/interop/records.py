"""The records OAI-PMH publishes: identifiers, sets, datestamps and Dublin Core.

Three page types are records: heritage items, inheritors and figures, while
visible to the public (core.visibility). Identifiers are ``oai:<repository id>:<type>:<key>`` with the
key percent-encoded, so 项目编号 such as Ⅴ-3 stay valid oai-identifier syntax.
The mapping to Dublin Core is documented in docs/oai-pmh.md.
"""

from urllib.parse import quote, unquote

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from heritage_archive.core.choices import Category
from heritage_archive.core.visibility import visible_pages
from heritage_archive.records.heritage.models import HeritageItemPage
from heritage_archive.records.registry import harvested_record_types, with_key
from heritage_archive.records.registry import record_type_of as core_record_type_of

from .models import OaiRecordState

PUBLISHER = "安次区文化馆"
DEFAULT_REPOSITORY_ID = "anci-wenhuaguan"


def harvested_models():
    """Record type name in identifiers and set specs -> page model (records.registry)."""
    return {record_type.name: record_type.model for record_type in harvested_record_types()}


def repository_id():
    return getattr(settings, "OAI_REPOSITORY_ID", DEFAULT_REPOSITORY_ID)


def record_type_of(page):
    record_type = core_record_type_of(page)
    return record_type.name if record_type is not None and record_type.harvested else None


def identifier_for(page):
    """The OAI identifier of a record page (any of the three types)."""
    record_type = record_type_of(page)
    return f"oai:{repository_id()}:{record_type}:{quote(page.key, safe='')}"


def parse_identifier(identifier):
    """``(record type, key)`` for an identifier of this repository, else None."""
    prefix = f"oai:{repository_id()}:"
    if not identifier.startswith(prefix):
        return None
    record_type, separator, quoted_key = identifier[len(prefix) :].partition(":")
    if not separator or record_type not in harvested_models() or not quoted_key:
        return None
    return record_type, unquote(quoted_key)


def sets_for(page):
    """The set specs a record belongs to: its type and, for items, its category."""
    record_type = record_type_of(page)
    specs = [f"type:{record_type}"]
    if record_type == "heritage" and page.category:
        specs.append(f"category:{page.category}")
    return specs


def all_sets():
    """Every set as ``(spec, name)``, parents before their children."""
    sets = [("type", _("记录类型"))]
    sets += [(f"type:{rt.name}", rt.harvest_label) for rt in harvested_record_types()]
    sets.append(("category", _("非遗类别")))
    sets += [(f"category:{value}", label) for value, label in Category.choices]
    return sets


def is_known_set(spec):
    return spec in {set_spec for set_spec, _name in all_sets()}


def with_datestamps(pages):
    """``pages`` annotated with ``oai_datestamp``, when the record last changed for harvesters.

    That is the last change of its metadata (interop.signals keeps it, also
    for a change of its relations alone); a record from before that was
    kept falls back on its last publication (pages made by scripts may lack
    it, so the first publication and the latest revision stand in).
    """
    state = OaiRecordState.objects.filter(page_id=OuterRef("pk")).values("datestamp")[:1]
    return pages.annotate(
        oai_datestamp=Coalesce(
            Subquery(state),
            "last_published_at",
            "first_published_at",
            "latest_revision_created_at",
        )
    )


def published_records():
    """Every visible record page as plain Page rows, oldest id first, with datestamps."""
    return with_datestamps(
        visible_pages(Page.objects.all()).type(*harvested_models().values())
    ).order_by("pk")


def records_in_set(queryset, spec):
    """Narrow ``queryset`` to a set; set specs are hierarchical (``type`` holds ``type:*``)."""
    if spec in ("type", "category"):
        return queryset if spec == "type" else queryset.type(HeritageItemPage)
    group, _separator, value = spec.partition(":")
    if group == "type" and value in harvested_models():
        return queryset.exact_type(harvested_models()[value])
    if group == "category" and value in Category.values:
        item_ids = HeritageItemPage.objects.filter(category=value).values("pk")
        return queryset.filter(pk__in=item_ids)
    return queryset.none()


def tombstone_in_set(tombstone, spec):
    """The same test for a tombstone, whose sets are stored as a JSON list.

    Done in Python because JSON containment lookups differ between SQLite and
    PostgreSQL, and tombstones are few.
    """
    return any(stored == spec or stored.startswith(spec + ":") for stored in tombstone.sets)


def find_record(record_type, key):
    """The visible record page of that type and key, or None."""
    model = harvested_models()[record_type]
    return with_key(with_datestamps(visible_pages(model.objects.all())), key).first()


def datestamp_of(page):
    """When the record last changed for harvesters (see ``with_datestamps``)."""
    return (
        getattr(page, "oai_datestamp", None)
        or page.last_published_at
        or page.first_published_at
        or page.latest_revision_created_at
    )
