"""Records as rows of the import format (docs/formats/records-csv.md).

The backup writes them as CSV (preservation.records_csv) and the admin's
record listings export them as CSV or XLSX (``register_record_sheet``), so
that what goes out comes back through import_records or the import screen.

Every cell goes through ``spreadsheet_safe``: a cell a spreadsheet program
would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or CR)
gets a leading ``'``, which the importer removes again. Years before the
common era are written as 公元前N, which the importer reads, so a plain
year never needs the guard.
"""

from heritage_archive.core.choices import LEVEL_RANKS, Level
from heritage_archive.core.spreadsheets import spreadsheet_safe
from heritage_archive.records.figures.models import FigurePage
from heritage_archive.records.heritage.models import HeritageItemPage
from heritage_archive.records.inheritors.models import InheritorPage

from .columns import COLUMNS_BY_TYPE

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


def in_order(children):
    """A page's inline rows (an Orderable's) in their editor order, ties by id.

    Rows written without a sort_order (the demo builder, older imports) tie;
    SQLite hands them back in id order but PostgreSQL in any order, so the
    export and the importer's comparison would disagree between runs.
    """
    return sorted(
        children,
        key=lambda child: (child.sort_order is None, child.sort_order or 0, child.pk or 0),
    )


def designation_key(designation):
    """Designations by level, year and batch: the order the sheet writes and compares."""
    return (LEVEL_RANKS[Level(designation.level)], designation.year or 0, designation.batch or "")


def paragraphs(stream_value):
    """The plain text of each block, one paragraph each (the format's 正文)."""
    texts = (" ".join(block.block.get_searchable_content(block.value)) for block in stream_value)
    return "\n\n".join(text.strip() for text in texts if text.strip())


def tags_cell(page):
    return joined(sorted(tag.name for tag in page.tags.all()))


def heritage_row(page):
    listings = page.get_ladder()
    row_type = listings[0].listing_type if listings else None
    media = [item.media for item in in_order(page.media_items.select_related("media"))]
    return {
        "key": page.key,
        "title": page.title,
        "category": page.get_category_display(),
        "listings": joined(
            entry(
                listing.get_level_display(),
                listing.batch,
                listing.year,
                listing.notice_number,
                # Only where it differs from the row's 类型, as the format allows.
                *([listing.get_listing_type_display()] if listing.listing_type != row_type else []),
            )
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
            for item in in_order(page.gallery_images.select_related("image"))
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
            entry(d.get_level_display(), d.batch, d.year)
            for d in sorted(page.designations.all(), key=designation_key)
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


def safe_row(record_type, page):
    row_of = EXPORTS[record_type][1]
    return {column: spreadsheet_safe(value) for column, value in row_of(page).items()}


# Files travel in the backup's data/files/, not in a sheet from a listing:
# these columns stay out of it, and importing it back leaves the media alone.
MEDIA_COLUMNS = ("images", "audio", "video", "portrait")


class ListingSheet:
    """The export of the admin's record listings (records.admin_listings)."""

    def can_export(self, user):
        from .views import can_import

        return can_import(user)

    def record_type(self, model):
        return next(name for name, (page_model, _row) in EXPORTS.items() if page_model is model)

    def columns(self, model):
        return [
            (column.name, column.chinese)
            for column in COLUMNS_BY_TYPE[self.record_type(model)]
            if column.name not in MEDIA_COLUMNS
        ]

    def prepare(self, queryset):
        return queryset.select_related("region").prefetch_related(
            *PREFETCH[self.record_type(queryset.model)]
        )

    def row(self, page):
        row = safe_row(self.record_type(type(page)), page)
        return {name: row[name] for name, _heading in self.columns(type(page))}


PREFETCH = {"heritage": ("tags",), "inheritor": (), "figure": ("tags",)}
