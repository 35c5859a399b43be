"""Writing valid records as published pages, skipping the ones that did not change.

Each record type knows how to read the current value of every imported
field from its page (``current``) and how to set it (``apply``); a record is
unchanged when every value it brings equals the current one, so importing
the same file twice writes nothing the second time. Changes go through
Wagtail's revision API, which records them in the audit log.
"""

from collections import Counter
from html import unescape
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from pypinyin import lazy_pinyin
from wagtail.rich_text import RichText

from heritage_archive.core.models import Region
from heritage_archive.core.site_tree import ensure_site_tree
from heritage_archive.media.images.models import ArchiveImage
from heritage_archive.media.mediafiles.models import ArchiveMedia
from heritage_archive.records.figures.models import FigureIndexPage, FigurePage
from heritage_archive.records.heritage.models import (
    HeritageIndexPage,
    HeritageItemImage,
    HeritageItemMedia,
    HeritageItemPage,
    HeritageListing,
    ladder_key,
)
from heritage_archive.records.inheritors.models import (
    InheritorDesignation,
    InheritorIndexPage,
    InheritorPage,
)

from .parsers import Designation, Listing, YearValue
from .problems import ImportProblems, Problem
from .sheets import designation_key, in_order, paragraphs

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
PROGRESS_EVERY = 50


def slug_for(title, taken, fallback):
    """The pinyin of the title as a slug, not in ``taken`` (the parent's children's slugs).

    The caller reads the siblings' slugs once per import and passes the set;
    the new slug is added to it, so later rows of the same file see it too.
    """
    base = slugify("-".join(lazy_pinyin(title))) or slugify(fallback) or "record"
    base = base[:200]
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug


def body_blocks(stream_value, wanted=()):
    """A StreamField as comparable (block type, raw value) pairs.

    A sheet carries only the text of a body (sheets.paragraphs, as the listing
    export writes it), so a body whose text equals the sheet's ``wanted``
    paragraphs counts as unchanged: re-importing an exported sheet must not
    flatten headings, quotes or images into plain paragraphs.
    """
    if wanted and _bare_text(paragraphs(stream_value)) == _bare_text(strip_tags(" ".join(wanted))):
        return tuple(wanted)
    return tuple(
        block["value"] if block["type"] == "paragraph" else (block["type"], block["value"])
        for block in stream_value.raw_data
    )


def _bare_text(text):
    return "".join(unescape(text).split())


def paragraph_stream(paragraphs):
    return [("paragraph", RichText(html)) for html in paragraphs]


def region_name(page):
    return page.region.name if page.region_id else ""


def image_comparable(image, caption=""):
    return (image.sha256, image.description, caption)


def wanted_image(ref, current):
    """What the import will leave: a row without alt text keeps the image's own."""
    if not ref.alt and current is not None and current[0] == ref.file.sha256 and current[1]:
        return (ref.file.sha256, current[1], ref.caption)
    return ref.comparable()


def archive_image(ref, default_alt):
    """The ArchiveImage holding the file's bytes: an existing one when the SHA-256 matches."""
    image = ArchiveImage.objects.filter(sha256=ref.file.sha256).order_by("pk").first()
    alt = ref.alt or (image.description if image else "") or default_alt
    if image is None:
        with ref.file.path.open("rb") as handle:
            image = ArchiveImage(
                title=ref.alt or Path(ref.file.name).stem,
                description=alt,
                file=ImageFile(handle, name=ref.file.name),
            )
            image._set_image_file_metadata()
            # Saving fires the rendition handler (images.signal_handlers) on commit.
            image.save()
    elif image.description != alt:
        image.description = alt
        image.save(update_fields=["description"])
    return image


def archive_media(media_file, media_type):
    media = ArchiveMedia.objects.filter(sha256=media_file.sha256).order_by("pk").first()
    if media is None:
        with media_file.path.open("rb") as handle:
            media = ArchiveMedia(
                title=Path(media_file.name).stem,
                type=media_type,
                file=File(handle, name=media_file.name),
            )
            media.save()
    return media


class RecordWriter:
    """Shared flow: find, compare, apply, save a revision and publish."""

    page_model = None
    index_model = None
    # Columns stored on other pages: a change there needs no revision of this one.
    relation_columns = ()

    def __init__(self, stdout=None, user=None, on_progress=None):
        self.stdout = stdout
        # Called with (records done, records in the file) as pages are written.
        self.on_progress = on_progress
        # Who the audit log names for every revision and publication (None: system).
        self.user = user
        self.counts = Counter()
        # Read once per import, not once per row: regions by name, the index's slugs.
        self.regions = {}
        self.taken_slugs = None

    # --- per type -------------------------------------------------------

    lookup_field = "key"

    def find_all(self, records):
        """{lookup key: page} of the records already in the archive, in one query."""
        keys = {record.lookup_key for record in records}
        found = {}
        # Ordered by pk so that, as .first() would, the oldest page wins a shared key.
        pages = self.page_model.objects.filter(**{f"{self.lookup_field}__in": keys}).order_by("pk")
        for page in pages:
            found.setdefault(getattr(page, self.lookup_field), page)
        return found

    def current(self, page, name, wanted):
        """The page's current value of column ``name``, shaped like ``wanted``."""
        raise NotImplementedError

    def apply(self, page, record, name, value):
        raise NotImplementedError

    def new_page(self, record):
        return self.page_model(key=record.key)

    def deferred_columns(self):
        """Columns that may point at records created later in the same file."""
        return ()

    # --- shared ---------------------------------------------------------

    def changes(self, page, record):
        """The columns whose value differs from the page (all of them for a new page)."""
        if page is None:
            return ["title", *record.values]
        changed = [] if page.title == record.title else ["title"]
        changed += [
            name
            for name, value in record.values.items()
            if name != "key" and self.current(page, name, value) != self.wanted(page, name, value)
        ]
        if not page.live and not changed:
            changed.append("live")
        return changed

    def wanted(self, page, name, value):
        return value

    def plan(self, records):
        """[(record, page or None, changed columns)] without writing anything."""
        # Read twice (the lookup, then the plan), so a generator is kept first.
        records = list(records)
        existing = self.find_all(records)
        plan = []
        for record in records:
            page = existing.get(record.lookup_key)
            plan.append((record, page, self.changes(page, record)))
        return plan

    def region_for(self, name):
        if not name:
            return None
        region = self.regions.get(name)
        if region is None:
            region, _created = Region.objects.get_or_create(name=name)
            self.regions[name] = region
        return region

    def write(self, records):
        """Write every record in one transaction; raise ImportProblems to roll back."""
        problems = []
        with transaction.atomic():
            index = self.index_page()
            plan = self.plan(records)
            written = []
            # First every page exists, so that references inside the file resolve.
            for record, page, changed in plan:
                if page is None:
                    page = self.new_page(record)
                    # Page.save logs "wagtail.create" for its owner (None: system).
                    page.owner = self.user
                    page.title = record.title
                    if self.taken_slugs is None:
                        self.taken_slugs = set(index.get_children().values_list("slug", flat=True))
                    page.slug = slug_for(record.title, self.taken_slugs, record.key)
                    self.apply_columns(page, record, exclude=self.deferred_columns())
                    try:
                        index.add_child(instance=page)
                    except ValidationError as error:
                        problems.extend(self.problems_from(record, error))
                        continue
                    written.append((record, page, CREATED, None))
                elif changed:
                    written.append((record, page, UPDATED, changed))
                else:
                    self.counts[UNCHANGED] += 1
            for done, (record, page, status, changed) in enumerate(written, start=1):
                try:
                    if status == CREATED:
                        self.apply_columns(page, record, only=self.deferred_columns())
                    else:
                        page.title = record.title
                        # Only what differs: an unchanged column is left as it is,
                        # with what the sheet cannot say (a listing's project number).
                        self.apply_columns(page, record, only=changed)
                    if status == CREATED or self.needs_revision(page, record):
                        # Whoever may run the command may publish; the user is for the log.
                        page.save_revision(user=self.user, log_action=True).publish(
                            user=self.user, skip_permission_checks=True
                        )
                except ValidationError as error:
                    problems.extend(self.problems_from(record, error))
                    continue
                self.counts[status] += 1
                self.after_write(record, page)
                if self.on_progress is not None:
                    self.on_progress(len(plan) - len(written) + done, len(plan))
                elif done % PROGRESS_EVERY == 0:
                    self.progress(done, len(written))
            problems.extend(self.finish())
            if problems:
                raise ImportProblems(problems)
        if self.on_progress is not None:
            self.on_progress(len(plan), len(plan))
        return self.counts

    def apply_columns(self, page, record, exclude=(), only=None):
        for name, value in record.values.items():
            if name == "key" or name in exclude or (only is not None and name not in only):
                continue
            self.apply(page, record, name, value)

    def needs_revision(self, page, record):
        """False when only relations kept on other pages changed (see relation_columns)."""
        changed = self.changes(type(page).objects.get(pk=page.pk), record)
        return any(name not in self.relation_columns for name in changed)

    def after_write(self, record, page):
        pass

    def finish(self):
        return []

    def index_page(self):
        index = self.index_model.objects.first()
        if index is None:
            ensure_site_tree()
            index = self.index_model.objects.get()
        return index

    def progress(self, done, total):
        if self.stdout is not None:
            self.stdout.write(
                _("已写入 %(done)s/%(total)s 条记录……") % {"done": done, "total": total}
            )

    def problems_from(self, record, error):
        by_field = error.message_dict if hasattr(error, "error_dict") else {"key": error.messages}
        for name, messages in by_field.items():
            column = record.headers.get(name) or record.headers.get("key", "key")
            for message in messages:
                yield Problem(record.row, column, message)


class HeritageWriter(RecordWriter):
    page_model = HeritageItemPage
    index_model = HeritageIndexPage
    relation_columns = ("inheritors",)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.inheritor_links = {}  # inheritor pk -> item pks to add

    lookup_field = "key_folded"

    def current(self, page, name, wanted):
        if name == "category":
            return page.category
        if name == "listings":
            # Compared as a ladder, whatever order the rows or the sheet list them in.
            return tuple(
                sorted(
                    (
                        Listing(row.level, row.batch, row.year, row.notice_number, row.listing_type)
                        for row in page.listings.all()
                    ),
                    key=ladder_key,
                )
            )
        if name == "region":
            return region_name(page)
        if name in ("protection_unit", "summary"):
            return getattr(page, name)
        if name == "body":
            return body_blocks(page.body, wanted)
        if name == "tags":
            return tuple(sorted(tag.name for tag in page.tags.all()))
        if name == "inheritors":
            # Additive: the relation belongs to the inheritor pages.
            linked = set(page.inheritors.values_list("pk", flat=True))
            return tuple(pk for pk in wanted if pk in linked)
        if name == "images":
            return tuple(
                image_comparable(g.image, g.caption) for g in in_order(page.gallery_images.all())
            )
        if name in ("audio", "video"):
            return tuple(
                m.media.sha256 for m in in_order(page.media_items.all()) if m.media.type == name
            )
        raise KeyError(name)

    def wanted(self, page, name, value):
        if name == "listings":
            return tuple(sorted(value, key=ladder_key))
        if name == "images":
            current = self.current(page, name, value)
            return tuple(
                wanted_image(ref, current[i] if i < len(current) else None)
                for i, ref in enumerate(value)
            )
        if name in ("audio", "video"):
            return tuple(media_file.sha256 for media_file in value)
        return value

    def apply(self, page, record, name, value):
        if name == "category":
            page.category = value
        elif name == "listings":
            # The sheet has no project number per listing: keep the one of the
            # listing at the same level and year.
            project_numbers = {
                (row.level, row.year): row.project_number for row in page.listings.all()
            }
            # Written in ladder order with an explicit sort_order, so the editor,
            # the export and the next comparison all see the same order.
            page.listings = [
                HeritageListing(
                    sort_order=position,
                    level=listing.level,
                    batch=listing.batch,
                    year=listing.year,
                    notice_number=listing.notice_number,
                    listing_type=listing.listing_type,
                    project_number=project_numbers.get((listing.level, listing.year), ""),
                )
                for position, listing in enumerate(sorted(value, key=ladder_key))
            ]
        elif name == "region":
            page.region = self.region_for(value)
        elif name in ("protection_unit", "summary"):
            setattr(page, name, value)
        elif name == "body":
            page.body = paragraph_stream(value)
        elif name == "tags":
            page.tags.set(list(value))
        elif name == "inheritors":
            pass  # linked from the inheritor side in after_write
        elif name == "images":
            default_alt = _("%(title)s图片") % {"title": record.title}
            page.gallery_images = [
                HeritageItemImage(
                    sort_order=position,
                    image=archive_image(ref, default_alt),
                    caption=ref.caption,
                )
                for position, ref in enumerate(value)
            ]
        elif name in ("audio", "video"):
            # Audio and video share one inline list; replace only the kind this column holds.
            other_kind = [
                HeritageItemMedia(media=m.media, caption=m.caption)
                for m in in_order(page.media_items.all())
                if m.media.type != name
            ]
            this_kind = [HeritageItemMedia(media=archive_media(f, name)) for f in value]
            ordered = other_kind + this_kind if name == "video" else this_kind + other_kind
            for position, item in enumerate(ordered):
                item.sort_order = position
            page.media_items = ordered

    def after_write(self, record, page):
        for inheritor_pk in record.values.get("inheritors", ()):
            self.inheritor_links.setdefault(inheritor_pk, set()).add(page.pk)

    def finish(self):
        problems = []
        for inheritor_pk, item_pks in self.inheritor_links.items():
            inheritor = InheritorPage.objects.get(pk=inheritor_pk)
            current = set(inheritor.items.values_list("pk", flat=True))
            if item_pks <= current:
                continue
            inheritor.items = list(HeritageItemPage.objects.filter(pk__in=current | item_pks))
            inheritor.save_revision(user=self.user, log_action=True).publish(
                user=self.user, skip_permission_checks=True
            )
            self.counts["linked_inheritors"] += 1
        return problems


class PersonWriter(RecordWriter):
    """Inheritors and figures: the page title is the name; both have a portrait."""

    def current(self, page, name, wanted):
        if name == "portrait":
            return (page.portrait.sha256, page.portrait.description) if page.portrait_id else None
        if name == "tags":
            return tuple(sorted(tag.name for tag in page.tags.all()))
        if name == "region":
            return region_name(page)
        return getattr(page, name)

    def wanted(self, page, name, value):
        if name == "portrait" and value is not None:
            current = self.current(page, name, value)
            return wanted_image(value, current)[:2]
        return value

    def apply(self, page, record, name, value):
        if name == "portrait":
            default_alt = _("%(name)s肖像") % {"name": record.title}
            page.portrait = archive_image(value, default_alt) if value else None
        elif name == "tags":
            page.tags.set(list(value))
        elif name == "region":
            page.region = self.region_for(value)
        else:
            setattr(page, name, value)


class InheritorWriter(PersonWriter):
    page_model = InheritorPage
    index_model = InheritorIndexPage

    def deferred_columns(self):
        return ("teachers",)

    def current(self, page, name, wanted):
        if name == "items":
            return tuple(sorted(page.items.values_list("pk", flat=True)))
        if name == "designations":
            return tuple(
                sorted(
                    (Designation(d.level, d.batch, d.year) for d in page.designations.all()),
                    key=designation_key,
                )
            )
        if name == "teachers":
            return tuple(sorted(page.teachers.values_list("key", flat=True)))
        if name == "biography":
            return page.summary
        return super().current(page, name, wanted)

    def wanted(self, page, name, value):
        if name == "designations":
            return tuple(sorted(value, key=designation_key))
        return super().wanted(page, name, value)

    def apply(self, page, record, name, value):
        if name == "items":
            page.items = list(HeritageItemPage.objects.filter(pk__in=value))
        elif name == "designations":
            page.designations = [
                InheritorDesignation(sort_order=position, level=d.level, batch=d.batch, year=d.year)
                for position, d in enumerate(sorted(value, key=designation_key))
            ]
        elif name == "teachers":
            page.teachers = list(InheritorPage.objects.filter(key__in=value))
        elif name == "biography":
            # 简介 in the sheet is the inheritor's summary; the rich 详细介绍 stays curated.
            page.summary = value
        else:
            super().apply(page, record, name, value)


class FigureWriter(PersonWriter):
    page_model = FigurePage
    index_model = FigureIndexPage

    def current(self, page, name, wanted):
        if name in ("birth_year", "death_year"):
            return YearValue(getattr(page, name), getattr(page, f"{name}_approximate"))
        if name == "biography":
            return body_blocks(page.biography, wanted)
        return super().current(page, name, wanted)

    def apply(self, page, record, name, value):
        if name in ("birth_year", "death_year"):
            setattr(page, name, value.year)
            setattr(page, f"{name}_approximate", value.approximate)
        elif name == "biography":
            page.biography = paragraph_stream(value)
        else:
            super().apply(page, record, name, value)


WRITERS = {"heritage": HeritageWriter, "inheritor": InheritorWriter, "figure": FigureWriter}
