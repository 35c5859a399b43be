"""Template tags of record pages: the citation block and the JSON-LD data block."""

from django import template

from heritage_archive.records.citations import cite_page, permanent_url
from heritage_archive.records.structured_data import json_ld_script, structured_data

register = template.Library()


def _site_name(context):
    from heritage_archive.core.models import SiteSettings

    request = context["request"]
    # for_request caches on the request: the header has already loaded it.
    return SiteSettings.for_request(request).site_name


@register.inclusion_tag("includes/cite_block.html", takes_context=True)
def record_citation(context, page):
    request = context["request"]
    return {
        "citation": cite_page(page, request, author=_site_name(context)),
        "permanent_url": permanent_url(page, request),
    }


@register.simple_tag(takes_context=True)
def record_json_ld(context, page):
    data = structured_data(page, context["request"], site_name=_site_name(context))
    return json_ld_script(data) if data else ""
