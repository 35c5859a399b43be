"""schema.org JSON-LD for record pages: the shared pieces; each record app builds its own.

Crawlers read the data block; browsers never execute it, so it lives within
the site's Content-Security-Policy (script-src 'self') without a nonce.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.safestring import mark_safe

from heritage_archive.core.addresses import absolute_url, page_url
from heritage_archive.records.citations import permanent_url

# The rendition crawlers get as the record's image (made on upload, see
# core.renditions.RENDITION_SPECS).
IMAGE_SPEC = "width-800"

# Like django.utils.html.json_script: "</script>" or "<!--" inside a value
# cannot end or change the data block.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def image_url(request, image):
    if image is None:
        return None
    return absolute_url(image.get_rendition(IMAGE_SPEC).url, request)


def place(name):
    return {"@type": "Place", "name": name} if name else None


def base_data(page, request, schema_type, site_name):
    data = {
        "@context": "https://schema.org",
        "@type": schema_type,
        "@id": permanent_url(page, request),
        "name": page.title,
        "url": page_url(page, request),
        "inLanguage": "zh-Hans",
    }
    if page.last_published_at:
        data["dateModified"] = timezone.localtime(page.last_published_at).isoformat()
    if site_name:
        data["publisher"] = {"@type": "Organization", "name": site_name}
    return data


def first_gallery_image(page):
    from heritage_archive.core.templatetags.archive_tags import public_gallery_rows

    # The same rows the gallery shows (read once per page object).
    rows = public_gallery_rows(page.gallery_images)
    return rows[0].image if rows else None


def iso_year(year, approximate):
    """An ISO year for schema.org, or None when the year is unknown, approximate or BCE."""
    if year is None or approximate or year <= 0:
        return None
    return f"{year:04d}"


def structured_data(page, request, *, site_name=""):
    """The JSON-LD dict for a record page, or None for page types without one.

    A page type that has JSON-LD defines ``structured_data(request, site_name=...)``
    (built with the helpers here).
    """
    build = getattr(page, "structured_data", None)
    return build(request, site_name=site_name) if build else None


def json_ld_script(data):
    """``data`` as a <script type="application/ld+json"> block, escaped like json_script."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(  # noqa: S308 - the JSON is escaped so it cannot leave the block
        '<script type="application/ld+json">' + text.translate(_JSON_SCRIPT_ESCAPES) + "</script>"
    )
