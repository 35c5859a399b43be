"""schema.org JSON-LD for record pages: one builder per page type.

Crawlers read the data block; browsers never execute it, so it lives within
the site's Content-Security-Policy (script-src 'self') without a nonce.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.safestring import mark_safe

from heritage_archive.core.citations import permanent_url, site_root
from heritage_archive.core.visibility import visible_pages, without_private_files

# The rendition crawlers get as the record's image (made on upload, see
# images.renditions.RENDITION_SPECS).
IMAGE_SPEC = "width-800"

# Like django.utils.html.json_script: "</script>" or "<!--" inside a value
# cannot end or change the data block.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _absolute(request, url):
    return url if url.startswith(("http://", "https://")) else site_root(request) + url


def _image_url(request, image):
    if image is None:
        return None
    return _absolute(request, image.get_rendition(IMAGE_SPEC).url)


def _place(name):
    return {"@type": "Place", "name": name} if name else None


def _base(page, request, schema_type, site_name):
    data = {
        "@context": "https://schema.org",
        "@type": schema_type,
        "@id": permanent_url(page, request),
        "name": page.title,
        "url": _absolute(request, page.get_url(request) or ""),
        "inLanguage": "zh-Hans",
    }
    if page.last_published_at:
        data["dateModified"] = timezone.localtime(page.last_published_at).isoformat()
    if site_name:
        data["publisher"] = {"@type": "Organization", "name": site_name}
    return data


def _first_gallery_image(page):
    from heritage_archive.core.templatetags.archive_tags import rendition_prefetch

    row = (
        without_private_files(page.gallery_images.all(), "image")
        .select_related("image")
        .prefetch_related(rendition_prefetch("image__renditions"))
        .first()
    )
    return row.image if row else None


def heritage_item_data(page, request, *, site_name=""):
    """A heritage item as a schema.org CreativeWork about its category."""
    data = _base(page, request, "CreativeWork", site_name)
    category = str(page.get_category_display())
    data.update(
        identifier=page.key,
        genre=category,
        about={"@type": "Thing", "name": category},
    )
    if page.summary:
        data["description"] = page.summary
    if page.region_id:
        data["spatialCoverage"] = _place(page.region.name)
    tags = [tag.name for tag in page.tags.all()]
    if tags:
        data["keywords"] = tags
    image = _image_url(request, _first_gallery_image(page))
    if image:
        data["image"] = image
    return data


def inheritor_data(page, request, *, site_name=""):
    """A representative inheritor as a schema.org Person."""
    data = _base(page, request, "Person", site_name)
    data["identifier"] = page.key
    if page.gender:
        data["gender"] = {"male": "https://schema.org/Male", "female": "https://schema.org/Female"}[
            page.gender
        ]
    if page.birth_year and page.birth_year > 0:
        data["birthDate"] = f"{page.birth_year:04d}"
    if page.summary:
        data["description"] = page.summary
    if page.region_id:
        data["homeLocation"] = _place(page.region.name)
    skills = [item.title for item in visible_pages(page.items.all())]
    if skills:
        data["knowsAbout"] = skills
    image = _image_url(request, page.portrait)
    if image:
        data["image"] = image
    return data


def _year(year, approximate):
    """An ISO year for schema.org, or None when the year is unknown, approximate or BCE."""
    if year is None or approximate or year <= 0:
        return None
    return f"{year:04d}"


def figure_data(page, request, *, site_name=""):
    """A notable figure (安次名人录) as a schema.org Person."""
    data = _base(page, request, "Person", site_name)
    data["identifier"] = page.key
    if page.alt_name_list:
        data["alternateName"] = page.alt_name_list
    birth = _year(page.birth_year, page.birth_year_approximate)
    death = _year(page.death_year, page.death_year_approximate)
    if birth:
        data["birthDate"] = birth
    if death:
        data["deathDate"] = death
    if page.hometown:
        data["birthPlace"] = _place(page.hometown)
    if page.field:
        data["knowsAbout"] = [page.field]
    if page.summary:
        data["description"] = page.summary
    image = _image_url(request, page.portrait)
    if image:
        data["image"] = image
    return data


def structured_data(page, request, *, site_name=""):
    """The JSON-LD dict for a record page, or None for page types without one."""
    from heritage_archive.figures.models import FigurePage
    from heritage_archive.heritage.models import HeritageItemPage
    from heritage_archive.inheritors.models import InheritorPage

    builders = {
        HeritageItemPage: heritage_item_data,
        InheritorPage: inheritor_data,
        FigurePage: figure_data,
    }
    builder = builders.get(type(page))
    return builder(page, request, site_name=site_name) if builder else None


def json_ld_script(data):
    """``data`` as a <script type="application/ld+json"> block, escaped like json_script."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(  # noqa: S308 - the JSON is escaped so it cannot leave the block
        '<script type="application/ld+json">' + text.translate(_JSON_SCRIPT_ESCAPES) + "</script>"
    )
