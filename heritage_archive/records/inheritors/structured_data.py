"""schema.org JSON-LD for inheritors."""

from heritage_archive.core.visibility import visible_pages
from heritage_archive.records.structured_data import base_data, image_url, place


def inheritor_data(page, request, *, site_name=""):
    """A representative inheritor as a schema.org Person."""
    data = base_data(page, request, "Person", site_name)
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
        data["homeLocation"] = place(page.region.name)
    skills = [item.title for item in visible_pages(page.items.all())]
    if skills:
        data["knowsAbout"] = skills
    image = image_url(request, page.portrait)
    if image:
        data["image"] = image
    return data
