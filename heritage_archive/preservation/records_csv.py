"""Heritage items, inheritors and figures as CSV in the import format.

Headers are the English column names of heritage_archive/importer/columns.py
(docs/formats/records-csv.md). Media paths are relative to the package's
data/files/, so ``import_records --media-dir data/files`` reads them back
into another archive.

Every cell goes through ``spreadsheet_safe``: a cell a spreadsheet program
would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or CR)
gets a leading ``'``, which the importer removes again. Years before the
common era are written as 公元前N, which the importer reads, so a plain
year never needs the guard.
"""

import csv

from heritage_archive.core.spreadsheets import spreadsheet_safe
from heritage_archive.importer.columns import COLUMNS_BY_TYPE
from heritage_archive.records.figures.models import FigurePage
from heritage_archive.records.heritage.models import HeritageItemPage
from heritage_archive.records.inheritors.models import InheritorPage

LIST_SEPARATOR = "; "


def joined(values):
    return LIST_SEPARATOR.join(str(value) for value in values if value not in (None, ""))


def entry(*fields):
    return "|".join("" if field is None else str(field) for field in fields)


def image_cell(image, caption=""):
    return entry(image.file.name, image.description, caption) if image else ""


def year_cell(year, approximate):
    if year is None:
        return ""
    text = f"公元前{-year}" if year < 0 else str(year)
    return f"约{text}" if approximate else text


def paragraphs(stream_value):
    """The plain text of each block, one paragraph each (the format's 正文)."""
    texts = (" ".join(block.block.get_searchable_content(block.value)) for block in stream_value)
    return "\n\n".join(text.strip() for text in texts if text.strip())


def tags_cell(page):
    return joined(sorted(tag.name for tag in page.tags.all()))


def heritage_row(page):
    listings = page.get_ladder()
    media = [item.media for item in page.media_items.select_related("media")]
    return {
        "key": page.key,
        "title": page.title,
        "category": page.get_category_display(),
        "listings": joined(
            entry(listing.get_level_display(), listing.batch, listing.year, listing.notice_number)
            for listing in listings
        ),
        "listing_type": listings[0].get_listing_type_display() if listings else "",
        "region": page.region.name if page.region_id else "",
        "protection_unit": page.protection_unit,
        "summary": page.summary,
        "body": paragraphs(page.body),
        "tags": tags_cell(page),
        "inheritors": joined(
            InheritorPage.objects.filter(items=page).order_by("key").values_list("key", flat=True)
        ),
        "images": joined(
            image_cell(item.image, item.caption)
            for item in page.gallery_images.select_related("image")
        ),
        "audio": joined(m.file.name for m in media if m.type == "audio"),
        "video": joined(m.file.name for m in media if m.type == "video"),
    }


def inheritor_row(page):
    return {
        "key": page.key,
        "name": page.title,
        "gender": page.get_gender_display() if page.gender else "",
        "ethnicity": page.ethnicity,
        "birth_year": "" if page.birth_year is None else page.birth_year,
        "items": joined(page.items.order_by("key").values_list("key", flat=True)),
        "designations": joined(
            entry(d.get_level_display(), d.batch, d.year) for d in page.designations.all()
        ),
        "region": page.region.name if page.region_id else "",
        "teachers": joined(page.teachers.order_by("key").values_list("key", flat=True)),
        "biography": page.summary,
        "portrait": image_cell(page.portrait),
    }


def figure_row(page):
    return {
        "key": page.key,
        "name": page.title,
        "alt_names": page.alt_names,
        "era": page.era,
        "birth_year": year_cell(page.birth_year, page.birth_year_approximate),
        "death_year": year_cell(page.death_year, page.death_year_approximate),
        "hometown": page.hometown,
        "field": page.field,
        "biography": page.summary,
        "sources": page.sources,
        "tags": tags_cell(page),
        "portrait": image_cell(page.portrait),
    }


EXPORTS = {
    "heritage": (HeritageItemPage, heritage_row),
    "inheritor": (InheritorPage, inheritor_row),
    "figure": (FigurePage, figure_row),
}


def write_record_csvs(folder):
    """Write heritage.csv, inheritor.csv and figure.csv; return their names."""
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for record_type, (model, row_of) in EXPORTS.items():
        columns = [column.name for column in COLUMNS_BY_TYPE[record_type]]
        name = f"{record_type}.csv"
        # UTF-8 with BOM so spreadsheet programs open the Chinese text correctly.
        with (folder / name).open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            for page in model.objects.order_by("path"):
                writer.writerow(
                    {column: spreadsheet_safe(value) for column, value in row_of(page).items()}
                )
        names.append(f"csv/{name}")
    return names
