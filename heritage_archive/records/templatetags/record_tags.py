"""Template tags of record pages: the citation block, its head tags and the JSON-LD block."""

from django import template
from django.utils.translation import gettext_lazy as _

from heritage_archive.records.citations import (
    apa_text,
    chicago_text,
    citation_download_path,
    citation_meta,
    gbt7714_text,
    reference_for,
    site_name_for,
)
from heritage_archive.records.structured_data import json_ld_script, structured_data

register = template.Library()

# The styles shown on every record page, in this order (GB/T 7714 first: the
# style Chinese researchers are asked for).
CITATION_STYLES = (
    ("gbt7714", _("GB/T 7714"), gbt7714_text),
    ("apa", _("APA"), apa_text),
    ("chicago", _("Chicago"), chicago_text),
)


def _reference(context, page):
    request = context["request"]
    return reference_for(page, request, author=site_name_for(request))


@register.inclusion_tag("includes/cite_block.html", takes_context=True)
def record_citation(context, page):
    reference = _reference(context, page)
    return {
        "styles": [
            {"name": name, "label": label, "text": render(reference)}
            for name, label, render in CITATION_STYLES
        ],
        "permanent_url": reference.url,
        "ris_url": citation_download_path(page, "ris"),
        "bibtex_url": citation_download_path(page, "bib"),
    }


@register.inclusion_tag("includes/cite_meta.html", takes_context=True)
def record_citation_meta(context, page):
    """The citation_* meta tags Zotero reads, so one click saves the record."""
    return {"meta": citation_meta(_reference(context, page))}


@register.simple_tag(takes_context=True)
def record_json_ld(context, page):
    request = context["request"]
    data = structured_data(page, request, site_name=site_name_for(request))
    return json_ld_script(data) if data else ""
