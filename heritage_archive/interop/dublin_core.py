"""Simple Dublin Core (oai_dc) for each record type; docs/oai-pmh.md has the table."""

import re
from collections import defaultdict

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext as _
from lxml import etree

from heritage_archive.core.addresses import page_url
from heritage_archive.core.visibility import visible_pages
from heritage_archive.records.figures.models import FigurePage
from heritage_archive.records.heritage.models import HeritageItemPage
from heritage_archive.records.inheritors.models import InheritorPage

from .records import PUBLISHER

OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"


# Characters XML 1.0 cannot carry; lxml refuses them, so they are dropped.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value):
    return _NOT_XML.sub("", str(value))


def edtf_year(year, approximate=False):
    """A year in EDTF/ISO 8601 form: 1820, 1820~ (approximate), -0221 (221 BCE)."""
    text = f"-{-year:04d}" if year < 0 else f"{year:04d}"
    return text + ("~" if approximate else "")


def related_records(page, name):
    """The related pages (``page.<name>``) a record may name: only those the public may see.

    ``prefetch_for_harvest`` reads them for a whole list of records at once.
    """
    prefetched = getattr(page, _visible_attribute(name), None)
    if prefetched is not None:
        return prefetched
    return visible_pages(getattr(page, name).all())


def _visible_attribute(name):
    return f"_harvest_visible_{name}"


# What each record type's fields read, besides the page row itself.
HARVEST_PREFETCHES = {
    HeritageItemPage: ("listings", "tags", "region"),
    InheritorPage: ("designations", "tags", "region"),
    FigurePage: ("tags",),
}
HARVEST_RELATIONS = {
    HeritageItemPage: ("inheritors", "related_items"),
    InheritorPage: ("items", "teachers", "students"),
    FigurePage: ("related_figures", "related_items"),
}


def prefetch_for_harvest(pages):
    """Read what ``dublin_core_fields`` needs for all ``pages`` (specific) at once.

    A page of an OAI-PMH list then costs the same number of queries whatever
    the number of records on it: one query per relation and record type,
    none per record (tests/interop/test_query_counts.py).
    """
    by_model = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    for model, group in by_model.items():
        lookups = list(HARVEST_PREFETCHES.get(model, ()))
        for name in HARVEST_RELATIONS.get(model, ()):
            related_model = model._meta.get_field(name).related_model
            lookups.append(
                Prefetch(
                    name,
                    queryset=visible_pages(related_model.objects.all()),
                    to_attr=_visible_attribute(name),
                )
            )
        prefetch_related_objects(group, *lookups)
    return pages


def _urls(pages):
    return [url for url in map(page_url, pages) if url]


def heritage_item_fields(item):
    listings = list(item.listings.all())
    fields = [
        ("title", item.title),
        ("identifier", page_url(item)),
        ("identifier", item.key),
        ("type", _("非物质文化遗产项目")),
        ("subject", item.get_category_display()),
        *[("subject", tag.name) for tag in item.tags.all()],
        ("description", item.summary),
        ("coverage", item.region.name if item.region else ""),
        ("contributor", item.protection_unit),
        *[("date", str(year)) for year in sorted({lst.year for lst in listings if lst.year})],
        *[("relation", url) for url in _urls(related_records(item, "inheritors"))],
        *[("relation", url) for url in _urls(related_records(item, "related_items"))],
    ]
    return fields


def inheritor_fields(inheritor):
    designation_years = sorted({d.year for d in inheritor.designations.all() if d.year})
    items = list(related_records(inheritor, "items"))
    fields = [
        ("title", inheritor.title),
        ("identifier", page_url(inheritor)),
        ("identifier", inheritor.key),
        ("type", _("非物质文化遗产代表性传承人")),
        *[("subject", item.title) for item in items],
        *[("subject", item.get_category_display()) for item in items],
        *[("subject", tag.name) for tag in inheritor.tags.all()],
        ("description", inheritor.summary),
        ("coverage", inheritor.region.name if inheritor.region else ""),
        *[("date", str(year)) for year in designation_years],
        *[("relation", url) for url in _urls(items)],
        *[("relation", url) for url in _urls(related_records(inheritor, "teachers"))],
        *[("relation", url) for url in _urls(related_records(inheritor, "students"))],
    ]
    return fields


def figure_fields(figure):
    dates = []
    birth = (
        edtf_year(figure.birth_year, figure.birth_year_approximate)
        if figure.birth_year is not None
        else ""
    )
    death = (
        edtf_year(figure.death_year, figure.death_year_approximate)
        if figure.death_year is not None
        else ""
    )
    if birth or death:
        # An EDTF interval; ".." marks the unknown end.
        dates.append(f"{birth or '..'}/{death or '..'}")
    fields = [
        ("title", figure.title),
        *[("title", name) for name in figure.alt_name_list],
        ("identifier", page_url(figure)),
        ("identifier", figure.key),
        ("type", _("人物")),
        ("subject", figure.field),
        *[("subject", tag.name) for tag in figure.tags.all()],
        ("description", figure.summary),
        ("coverage", figure.hometown),
        ("coverage", figure.era),
        *[("date", date) for date in dates],
        *[("source", source) for source in figure.source_list],
        *[("relation", url) for url in _urls(related_records(figure, "related_figures"))],
        *[("relation", url) for url in _urls(related_records(figure, "related_items"))],
    ]
    return fields


# Every relation between records, either way round: a record whose metadata
# names another (its URL, and for an inheritor its items' titles) must be
# dated again when that other record changes or stops being public.
RELATIONS = {
    HeritageItemPage: ("inheritors", "related_items", "figures"),
    InheritorPage: ("items", "teachers", "students"),
    FigurePage: ("related_figures", "related_items"),
}


def related_page_ids(page):
    """Ids of the records related to ``page`` in either direction, visible or not."""
    ids = set()
    for model, names in RELATIONS.items():
        if isinstance(page, model):
            for name in names:
                ids.update(related.pk for related in getattr(page, name).all())
    ids.discard(page.pk)
    return ids


def dublin_core_fields(page):
    """``[(element, text)]`` for a record page (specific), in oai_dc order."""
    if isinstance(page, HeritageItemPage):
        fields = heritage_item_fields(page)
    elif isinstance(page, InheritorPage):
        fields = inheritor_fields(page)
    elif isinstance(page, FigurePage):
        fields = figure_fields(page)
    else:
        raise TypeError(f"{type(page).__name__} is not an OAI record")
    fields += [("creator", PUBLISHER), ("publisher", PUBLISHER), ("language", "zh")]
    return [(name, str(text).strip()) for name, text in fields if text and str(text).strip()]


def oai_dc_element(page):
    """The ``<oai_dc:dc>`` element for a record page."""
    root = etree.Element(
        f"{{{OAI_DC_NS}}}dc",
        nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS},
    )
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_DC_NS} {OAI_DC_SCHEMA}")
    for name, text in dublin_core_fields(page):
        etree.SubElement(root, f"{{{DC_NS}}}{name}").text = xml_text(text)
    return root
