"""schema.org JSON-LD for heritage items."""

from heritage_archive.records.structured_data import (
    base_data,
    first_gallery_image,
    image_url,
    place,
)


def heritage_item_data(page, request, *, site_name=""):
    """A heritage item as a schema.org CreativeWork about its category."""
    data = base_data(page, request, "CreativeWork", site_name)
    category = str(page.get_category_display())
    data.update(
        identifier=page.key,
        genre=category,
        about={"@type": "Thing", "name": category},
    )
    if page.summary:
        data["description"] = page.summary
    if page.region_id:
        data["spatialCoverage"] = place(page.region.name)
    tags = [tag.name for tag in page.tags.all()]
    if tags:
        data["keywords"] = tags
    image = image_url(request, first_gallery_image(page))
    if image:
        data["image"] = image
    return data
