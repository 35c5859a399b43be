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
from heritage_archive.core.text import fold_project_number
from heritage_archive.core.visibility import visible_pages
from heritage_archive.figures.models import FigurePage
from heritage_archive.heritage.models import HeritageItemPage
from heritage_archive.inheritors.models import InheritorPage

from .models import OaiRecordState

PUBLISHER = "安次区文化馆"
DEFAULT_REPOSITORY_ID = "anci-wenhuaguan"

# Record type name in identifiers and set specs -> page model.
RECORD_TYPES = {
    "heritage": HeritageItemPage,
    "inheritor": InheritorPage,
    "figure": FigurePage,
}
TYPE_NAMES = {
    "heritage": _("非遗项目"),
    "inheritor": _("非遗代表性传承人"),
    "figure": _("安次名人"),
}


def repository_id():
    return getattr(settings, "OAI_REPOSITORY_ID", DEFAULT_REPOSITORY_ID)


def record_type_of(page):
    for name, model in RECORD_TYPES.items():
        if isinstance(page, model):
            return name
    return None


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
    if not separator or record_type not in RECORD_TYPES or not quoted_key:
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
    sets += [(f"type:{name}", label) for name, label in TYPE_NAMES.items()]
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
    return with_datestamps(visible_pages(Page.objects.all()).type(*RECORD_TYPES.values())).order_by(
        "pk"
    )


def records_in_set(queryset, spec):
    """Narrow ``queryset`` to a set; set specs are hierarchical (``type`` holds ``type:*``)."""
    if spec in ("type", "category"):
        return queryset if spec == "type" else queryset.type(HeritageItemPage)
    group, _separator, value = spec.partition(":")
    if group == "type" and value in RECORD_TYPES:
        return queryset.exact_type(RECORD_TYPES[value])
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
    """The live, public record page of that type and key, or None."""
    model = RECORD_TYPES[record_type]
    pages = with_datestamps(visible_pages(model.objects.all()))
    if record_type == "heritage":
        return pages.filter(key_folded=fold_project_number(key)).first()
    return pages.filter(key=key).first()


def datestamp_of(page):
    """When the record last changed for harvesters (see ``with_datestamps``)."""
    return (
        getattr(page, "oai_datestamp", None)
        or page.last_published_at
        or page.first_published_at
        or page.latest_revision_created_at
    )
