"""Export the whole archive as a BagIt package and restore it into an empty site.

The package (see docs/preservation.md):

    bagit.txt, bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt
    data/metadata/archive.json        what is in the package and in which order to load it
    data/metadata/pages.json          the page tree: type, path, parent, slug, title, live,
                                      tags, fields and child objects of every page
    data/metadata/files.json          every original with its record, path and SHA-256
    data/metadata/database/*.json     every row of the archive, one file per model, in
                                      Django's serialization format (what the restore reads)
    data/metadata/csv/*.csv           heritage items, inheritors and figures in the
                                      import format (../shared/formats/records-csv.md)
    data/files/<path under MEDIA_ROOT>  the original images, documents, audio and video

Rows keep their primary keys, so pages, revisions, relations and tags come
back exactly as they were; users are referred to by username.
"""

import datetime
import decimal
import json
import shutil
import uuid
from collections import Counter
from pathlib import Path

import bagit
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Collection, Page, Site

from heritage_archive.core.checksums import sha256_of
from heritage_archive.images.models import ArchiveImage, ArchiveRendition
from heritage_archive.mediafiles.models import ArchiveDocument, ArchiveMedia

FORMAT_NAME = "anci-heritage-archive"
FORMAT_VERSION = 1

# Wagtail and taggit models holding archive content, loaded before the project's own.
FRAMEWORK_MODELS = (
    "wagtailcore.Locale",
    "wagtailcore.Collection",
    "wagtailcore.Page",
    "wagtailcore.Site",
    "wagtailcore.Revision",
    "wagtailcore.PageLogEntry",
    "wagtailcore.ModelLogEntry",
    "taggit.Tag",
)
# Every model of these apps is archive content.
PROJECT_APPS = (
    "core",
    "images",
    "mediafiles",
    "home",
    "pages",
    "news",
    "heritage",
    "inheritors",
    "figures",
    "galleries",
    "training",
    "events",
    "branches",
    "preservation",
)
# Made again from the originals on demand; not part of the archive.
SKIPPED_MODELS = (ArchiveRendition,)


class PackageError(Exception):
    """The package is not a valid, complete archive package; nothing was written."""


class NotEmptyError(Exception):
    """The site already holds records; a restore would mix two archives."""


def archived_models():
    models = [apps.get_model(label) for label in FRAMEWORK_MODELS]
    for app_label in PROJECT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model not in SKIPPED_MODELS and model not in models:
                models.append(model)
    return models


def original_files():
    """[(record, storage name)] of every original and media thumbnail."""
    found = []
    for model in (ArchiveImage, ArchiveDocument, ArchiveMedia):
        for record in model.objects.order_by("pk"):
            for field_name in ("file", "thumbnail"):
                file = getattr(record, field_name, None)
                if file:
                    found.append((record, field_name, file.name))
    return found


def portable_fields(model):
    """Foreign keys whose primary keys differ between databases: content types and users.

    Every other row keeps its primary key; these two are named in the package
    ([app label, model] and username) and looked up again on restore.
    """
    User = get_user_model()
    return [
        field
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model in (ContentType, User)
    ]


def portable_names(models):
    """{"content_types": {pk: [app, model]}, "users": {pk: username}} for the package."""
    User = get_user_model()
    user_ids = set()
    for model in models:
        for field in portable_fields(model):
            if field.related_model is User:
                user_ids.update(
                    model._base_manager.exclude(**{field.attname: None}).values_list(
                        field.attname, flat=True
                    )
                )
    return {
        "content_types": {
            str(pk): [app_label, name]
            for pk, app_label, name in ContentType.objects.values_list("pk", "app_label", "model")
        },
        "users": {
            str(pk): username
            for pk, username in User.objects.filter(pk__in=user_ids).values_list(
                "pk", User.USERNAME_FIELD
            )
        },
    }


def page_description(page):
    """One page of pages.json: where it sits in the tree and everything it shows."""
    specific = page.specific
    latest = page.latest_revision
    return {
        "id": page.pk,
        "type": specific._meta.label,
        "path": page.path,
        "depth": page.depth,
        "url_path": page.url_path,
        "parent_id": page.get_parent().pk if page.depth > 1 else None,
        "slug": page.slug,
        "title": page.title,
        "live": page.live,
        "has_unpublished_changes": page.has_unpublished_changes,
        "tags": sorted(tag.name for tag in getattr(specific, "tags", None).all())
        if hasattr(specific, "tags")
        else [],
        "latest_revision_id": latest.pk if latest else None,
        # modelcluster's serializable_data: fields, ParentalManyToMany and child objects.
        "fields": specific.serializable_data(),
        "latest_revision": latest.content if latest and page.has_unpublished_changes else None,
    }


def exact_json(value):
    """JSON for the values Django's Python serializer leaves as objects, losing nothing."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def write_json(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str),
        encoding="utf-8",
    )


def export_archive(directory, progress=None):
    """Write the package into ``directory`` (new or empty); return the bagit.Bag."""
    from heritage_archive.preservation.records_csv import write_record_csvs

    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise PackageError(_("目标文件夹 %(path)s 不是空的。") % {"path": directory})
    directory.mkdir(parents=True, exist_ok=True)
    metadata = directory / "metadata"
    files_dir = directory / "files"
    say = progress or (lambda message: None)

    models = archived_models()
    database_files = []
    counts = {}
    for model in models:
        name = f"database/{model._meta.label_lower}.json"
        rows = model._base_manager.order_by("pk")
        (metadata / name).parent.mkdir(parents=True, exist_ok=True)
        # Django's JSON serializer rounds times to milliseconds; this keeps every digit.
        (metadata / name).write_text(
            json.dumps(
                serializers.serialize("python", rows),
                ensure_ascii=False,
                indent=1,
                default=exact_json,
            ),
            encoding="utf-8",
        )
        database_files.append(name)
        counts[model._meta.label] = rows.count()
    say(_("已导出 %(count)s 类数据。") % {"count": len(models)})

    write_json(
        metadata / "pages.json",
        [page_description(page) for page in Page.objects.order_by("path")],
    )

    described_files = []
    for record, field_name, name in original_files():
        target = files_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, target.open("wb") as copy:
            shutil.copyfileobj(source, copy)
        described_files.append(
            {
                "model": record._meta.label,
                "pk": record.pk,
                "field": field_name,
                "path": name,
                "sha256": record.sha256 if field_name == "file" else "",
                "size": target.stat().st_size,
            }
        )
    write_json(metadata / "files.json", described_files)
    say(_("已复制 %(count)s 个文件。") % {"count": len(described_files)})

    csv_files = write_record_csvs(metadata / "csv")

    write_json(
        metadata / "archive.json",
        {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "created": timezone.now().isoformat(),
            "database_files": database_files,
            "row_counts": counts,
            **portable_names(models),
            "pages": "pages.json",
            "files": "files.json",
            "file_root": "data/files",
            "csv": csv_files,
        },
    )
    bag = bagit.make_bag(
        str(directory),
        bag_info={
            "Source-Organization": "安次区文化馆",
            "External-Description": "安次区文化馆数字档案馆完整备份（页面、修订、标签、关联、原始文件）",
            "Bag-Software-Agent": f"{FORMAT_NAME} export_archive v{FORMAT_VERSION}",
        },
        checksums=["sha256"],
    )
    bag.validate()
    return bag


def open_package(directory):
    """The validated bag and its archive.json; PackageError naming what fails."""
    directory = Path(directory)
    if not directory.is_dir():
        raise PackageError(_("找不到备份文件夹 %(path)s。") % {"path": directory})
    try:
        bag = bagit.Bag(str(directory))
        bag.validate()
    except bagit.BagValidationError as error:
        problems = [str(detail) for detail in error.details] or [str(error)]
        if not error.details:
            # bagit stops at the file count and size (Payload-Oxum) before naming files.
            problems += incomplete_payload(bag)
        raise PackageError(
            _("备份包校验失败，未写入任何内容：%(problems)s") % {"problems": "；".join(problems)}
        ) from None
    except bagit.BagError as error:
        raise PackageError(
            _("不是有效的 BagIt 备份包，未写入任何内容：%(error)s") % {"error": error}
        ) from None
    data = Path(bag.path) / "data"
    try:
        description = json.loads((data / "metadata" / "archive.json").read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise PackageError(_("备份包缺少 archive.json：%(error)s") % {"error": error}) from None
    if description.get("format") != FORMAT_NAME or description.get("version") != FORMAT_VERSION:
        raise PackageError(_("不是本档案馆导出的备份包（格式或版本不符）。"))
    return data, description


def incomplete_payload(bag):
    """The payload files the manifest lists but the bag lacks, and the ones it does not list."""
    listed = set(bag.payload_entries())
    present = set(bag.payload_files())
    return [
        *(_("缺少文件 %(path)s") % {"path": path} for path in sorted(listed - present)),
        *(_("清单外的文件 %(path)s") % {"path": path} for path in sorted(present - listed)),
    ]


def existing_records():
    """What already lives in the site, as {label: count}; empty means a restore may proceed.

    Wagtail's root page, its placeholder welcome page and the root collection
    are what every fresh installation has; they do not count.
    """
    found = Counter()
    placeholder = Page.objects.filter(depth=2, content_type__model="page", numchild=0)
    extra_pages = Page.objects.filter(depth__gte=2).exclude(pk__in=placeholder)
    if extra_pages.exists():
        found[_("页面")] = extra_pages.count()
    for model in (ArchiveImage, ArchiveDocument, ArchiveMedia):
        if model.objects.exists():
            found[str(model._meta.verbose_name)] = model.objects.count()
    region = apps.get_model("core", "Region")
    if region.objects.exists():
        found[str(region._meta.verbose_name)] = region.objects.count()
    return dict(found)


def clear_placeholders(root_pk):
    """Remove what a fresh installation has that the package brings its own of."""
    Page.objects.filter(depth__gte=2).delete()
    Site.objects.all().delete()
    Collection.objects.filter(depth__gte=2).delete()
    if not Page.objects.filter(pk=root_pk).exists():
        Page.objects.all().delete()


def user_ids(usernames_by_pk):
    """{package user pk: local user pk}, by username.

    Accounts named in the package but missing here come back as inactive
    placeholders: passwords are never exported, the names keep revisions and
    the audit log readable.
    """
    User = get_user_model()
    mapping = {}
    for old_pk, username in usernames_by_pk.items():
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            user = User(**{User.USERNAME_FIELD: username}, is_active=False)
            user.set_unusable_password()
            user.save()
        mapping[int(old_pk)] = user.pk
    return mapping


def content_type_ids(names_by_pk):
    """{package content type pk: local content type pk}, by app label and model."""
    return {
        int(old_pk): ContentType.objects.get_by_natural_key(app_label, model).pk
        for old_pk, (app_label, model) in names_by_pk.items()
    }


def localise(row, model, users, content_types):
    """Point a row's content type and user keys at this database's rows."""
    User = get_user_model()
    for field in portable_fields(model):
        value = row["fields"].get(field.name)
        if value is None:
            continue
        mapping = users if field.related_model is User else content_types
        if value not in mapping:
            raise PackageError(
                _("%(model)s %(pk)s 引用了备份包中没有的 %(field)s %(value)s。")
                % {"model": model._meta.label, "pk": row["pk"], "field": field.name, "value": value}
            )
        row["fields"][field.name] = mapping[value]
    return row


def import_archive(directory, progress=None):
    """Validate the package, then restore it into this empty site; return row counts."""
    say = progress or (lambda message: None)
    data, description = open_package(directory)
    say(_("备份包校验通过（SHA-256 全部一致）。"))
    found = existing_records()
    if found:
        raise NotEmptyError(
            _("站点中已有记录，只能恢复到空站点：%(found)s")
            % {"found": "，".join(f"{label} {count}" for label, count in found.items())}
        )
    files = json.loads((data / "metadata" / "files.json").read_text("utf-8"))
    for entry in files:
        if default_storage.exists(entry["path"]):
            raise NotEmptyError(
                _("媒体文件夹中已有文件 %(path)s，未写入任何内容。") % {"path": entry["path"]}
            )

    written_files = []
    try:
        with transaction.atomic():
            root = json.loads(
                (data / "metadata" / "database" / "wagtailcore.page.json").read_text("utf-8")
            )
            root_pk = next(row["pk"] for row in root if row["fields"]["depth"] == 1)
            clear_placeholders(root_pk)
            users = user_ids(description.get("users", {}))
            content_types = content_type_ids(description.get("content_types", {}))
            loaded_models = set()
            counts = Counter()
            for name in description["database_files"]:
                rows = json.loads((data / "metadata" / name).read_text("utf-8"))
                for row in rows:
                    model = apps.get_model(row["model"])
                    localise(row, model, users, content_types)
                for deserialized in serializers.deserialize("python", rows):
                    deserialized.save()
                    loaded_models.add(type(deserialized.object))
                    counts[deserialized.object._meta.label] += 1
            connection.check_constraints()
            reset_sequences(loaded_models)
            say(_("已恢复 %(count)s 行数据。") % {"count": sum(counts.values())})

            for entry in files:
                source = data / "files" / entry["path"]
                with source.open("rb") as handle:
                    saved = default_storage.save(entry["path"], handle)
                written_files.append(saved)
                if saved != entry["path"]:
                    raise PackageError(
                        _("无法把 %(path)s 写回原来的位置。") % {"path": entry["path"]}
                    )
            say(_("已恢复 %(count)s 个文件。") % {"count": len(files)})
    except Exception:
        for name in written_files:
            default_storage.delete(name)
        raise
    return counts


def reset_sequences(models):
    """Rows came with their primary keys; new rows must not collide with them (PostgreSQL)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def verify_restored_files():
    """[(path, expected, actual)] of restored originals whose bytes do not match their record."""
    mismatches = []
    for record, field_name, name in original_files():
        if field_name != "file":
            continue
        with default_storage.open(name, "rb") as handle:
            actual = sha256_of(handle)
        if actual != record.sha256:
            mismatches.append((name, record.sha256, actual))
    return mismatches
