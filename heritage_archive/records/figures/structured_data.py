"""schema.org JSON-LD for notable figures."""

from heritage_archive.records.structured_data import base_data, image_url, iso_year, place


def figure_data(page, request, *, site_name=""):
    """A notable figure (安次名人录) as a schema.org Person."""
    data = base_data(page, request, "Person", site_name)
    data["identifier"] = page.key
    if page.alt_name_list:
        data["alternateName"] = page.alt_name_list
    birth = iso_year(page.birth_year, page.birth_year_approximate)
    death = iso_year(page.death_year, page.death_year_approximate)
    if birth:
        data["birthDate"] = birth
    if death:
        data["deathDate"] = death
    if page.hometown:
        data["birthPlace"] = place(page.hometown)
    if page.field:
        data["knowsAbout"] = [page.field]
    if page.summary:
        data["description"] = page.summary
    image = image_url(request, page.portrait)
    if image:
        data["image"] = image
    return data
