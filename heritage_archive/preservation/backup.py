"""Export the whole archive as a BagIt package and restore it into an empty site.

The package (see docs/preservation.md):

    bagit.txt, bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt
    signature.txt                     HMAC-SHA256 of the tag manifest (signing.py)
    data/metadata/archive.json        what is in the package and in which order to load it
    data/metadata/pages.json          the page tree: type, path, parent, slug, title, live,
                                      tags, fields and child objects of every page
    data/metadata/files.json          every original with its record, path and SHA-256
    data/metadata/database/*.json     every row of the archive, one file per model, in
                                      Django's serialization format (what the restore reads)
    data/metadata/csv/*.csv           heritage items, inheritors and figures in the
                                      import format (docs/formats/records-csv.md)
    data/files/<path under MEDIA_ROOT>  the original images, documents, audio and video

Rows keep their primary keys, so pages, revisions, relations, tags, view
restrictions, group permissions and workflow states come back exactly as they
were. Four kinds of row are named instead, because their keys differ between
databases: content types ([app label, model]), permissions ([codename, app
label, model]), groups (by name) and users (by username). User accounts are
in the package only when asked for (``include_accounts``).

Restore loads only the models export writes (``allowed_models``) and only a
package signed with this site's key.
"""

import datetime
import decimal
import io
import json
import shutil
import uuid
from collections import Counter
from pathlib import Path

import bagit
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Collection, Page, Site

from heritage_archive.core.checksums import sha256_of
from heritage_archive.media.images.models import ArchiveImage, ArchiveRendition
from heritage_archive.media.images.renditions import make_renditions
from heritage_archive.media.mediafiles.models import ArchiveDocument, ArchiveMedia
from heritage_archive.preservation.signing import SignatureError, sign_bag, verify_bag

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
    # Tags of images, documents and media (taggit's generic relation).
    "taggit.TaggedItem",
)
# Who may see and who may change what, workflows, comments and redirects. A
# fresh installation has rows of its own here (Wagtail's default groups'
# permissions on the root page and collection, its default workflow); the
# package's rows replace them.
ACCESS_MODELS = (
    "wagtailcore.PageViewRestriction",
    "wagtailcore.CollectionViewRestriction",
    "wagtailcore.GroupPagePermission",
    "wagtailcore.GroupCollectionPermission",
    "wagtailcore.GroupSitePermission",
    "wagtailcore.Task",
    "wagtailcore.GroupApprovalTask",
    "wagtailcore.Workflow",
    "wagtailcore.WorkflowTask",
    "wagtailcore.WorkflowPage",
    "wagtailcore.WorkflowContentType",
    "wagtailcore.WorkflowState",
    "wagtailcore.TaskState",
    "wagtailcore.Comment",
    "wagtailcore.CommentReply",
    "wagtailcore.PageSubscription",
    "wagtailredirects.Redirect",
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
    "interop",
    "preservation",
)
# Groups are matched by name and users by username (see restore_groups,
# restore_accounts); their rows are not loaded with their primary keys.
GROUPS_FILE = "database/auth.group.json"
ACCOUNTS_FILE = "database/auth.user.json"

# Made again from the originals on demand; not part of the archive.
SKIPPED_MODELS = (ArchiveRendition,)


class PackageError(Exception):
    """The package is not a valid, complete archive package; nothing was written."""


class NotEmptyError(Exception):
    """The site already holds records; a restore would mix two archives."""


def archived_models():
    """The models whose rows the package carries with their primary keys, in load order."""
    models = [apps.get_model(label) for label in (*FRAMEWORK_MODELS, *ACCESS_MODELS)]
    for app_label in PROJECT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model not in SKIPPED_MODELS and model not in models:
                models.append(model)
    return models


def allowed_models(include_accounts=False):
    """{database file name: model} of everything a restore may load: what export writes."""
    allowed = {GROUPS_FILE: Group}
    if include_accounts:
        allowed[ACCOUNTS_FILE] = get_user_model()
    for model in archived_models():
        allowed[database_file(model)] = model
    return allowed


def database_file(model):
    return f"database/{model._meta.label_lower}.json"


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


def portable_models():
    """Rows whose primary keys differ between databases, so the package names them."""
    return {
        ContentType: "content_types",
        get_user_model(): "users",
        Group: "groups",
        Permission: "permissions",
    }


def portable_fields(model):
    """Foreign keys, many-to-many fields and primary keys pointing at a portable model.

    Every other row keeps its primary key; content types ([app label, model]),
    users (username), groups (name) and permissions ([codename, app label,
    model]) are named in the package and looked up again on restore.
    """
    portable = portable_models()
    return [
        field
        for field in (*model._meta.concrete_fields, *model._meta.many_to_many)
        if field.is_relation and field.related_model in portable
    ]


def portable_names(models, include_accounts=False):
    """{"content_types": {pk: [app, model]}, "users": {pk: username}, "groups": …,
    "permissions": …} for the package."""
    User = get_user_model()
    user_ids = set()
    for model in models:
        for field in portable_fields(model):
            if field.related_model is User:
                user_ids.update(
                    model._base_manager.exclude(**{field.name: None}).values_list(
                        field.name, flat=True
                    )
                )
    users = User.objects.all() if include_accounts else User.objects.filter(pk__in=user_ids)
    return {
        "content_types": {
            str(pk): [app_label, name]
            for pk, app_label, name in ContentType.objects.values_list("pk", "app_label", "model")
        },
        "users": {
            str(pk): username for pk, username in users.values_list("pk", User.USERNAME_FIELD)
        },
        "groups": {str(pk): name for pk, name in Group.objects.values_list("pk", "name")},
        "permissions": {
            str(pk): [codename, app_label, name]
            for pk, codename, app_label, name in Permission.objects.values_list(
                "pk", "codename", "content_type__app_label", "content_type__model"
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


def write_rows(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    # Django's JSON serializer rounds times to milliseconds; this keeps every digit.
    path.write_text(
        json.dumps(
            serializers.serialize("python", rows),
            ensure_ascii=False,
            indent=1,
            default=exact_json,
        ),
        encoding="utf-8",
    )


def export_archive(directory, progress=None, include_accounts=False):
    """Write the package into ``directory`` (new or empty); return the bagit.Bag.

    ``include_accounts`` adds every user account (with its password hash,
    groups and permissions); without it users are only named by username.
    """
    from heritage_archive.preservation.records_csv import write_record_csvs

    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise PackageError(_("目标文件夹 %(path)s 不是空的。") % {"path": directory})
    directory.mkdir(parents=True, exist_ok=True)
    metadata = directory / "metadata"
    files_dir = directory / "files"
    say = progress or (lambda message: None)

    models = archived_models()
    named = [Group, *([get_user_model()] if include_accounts else [])]
    database_files = []
    counts = {}
    for model in (*named, *models):
        name = database_file(model)
        rows = model._base_manager.order_by("pk")
        write_rows(metadata / name, rows)
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
            "accounts": include_accounts,
            **portable_names(models, include_accounts),
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
    sign_bag(directory)
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
    tag_manifests = sorted(Path(name).name for name in bag.tagmanifest_files())
    if bag.algorithms != ["sha256"] or tag_manifests != ["tagmanifest-sha256.txt"]:
        raise PackageError(
            _("备份包只能有 SHA-256 清单（manifest-sha256.txt、tagmanifest-sha256.txt）。")
        )
    listed_tags = set(bag.tagfile_entries())
    for name in ("bagit.txt", "bag-info.txt", "manifest-sha256.txt"):
        if name not in listed_tags:
            raise PackageError(
                _("备份包的 tagmanifest-sha256.txt 没有列出 %(file)s。") % {"file": name}
            )
    try:
        verify_bag(bag.path)
    except SignatureError as error:
        raise PackageError(
            _("备份包签名核验失败，未写入任何内容：%(error)s") % {"error": error}
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


def check_allowed(data, description, include_accounts):
    """Read every database file the package names; refuse any model restore does not load.

    Returns [(file name, model, rows)] in load order. Nothing is written.
    """
    allowed = allowed_models(include_accounts)
    loads = []
    for name in description.get("database_files", []):
        model = allowed.get(name)
        if model is None:
            raise PackageError(
                disallowed_message(name.removeprefix("database/").removesuffix(".json"))
            )
        try:
            rows = json.loads((data / "metadata" / name).read_text("utf-8"))
        except (OSError, ValueError) as error:
            raise PackageError(
                _("备份包中的 %(file)s 无法读取：%(error)s") % {"file": name, "error": error}
            ) from None
        for row in rows:
            if str(row.get("model", "")).lower() != model._meta.label_lower:
                raise PackageError(disallowed_message(row.get("model")))
        loads.append((name, model, rows))
    for entry in json.loads((data / "metadata" / "files.json").read_text("utf-8")):
        path = Path(entry.get("path", ""))
        if path.is_absolute() or ".." in path.parts or not path.parts:
            raise PackageError(
                _("备份包中的文件路径 %(path)s 不允许。") % {"path": entry.get("path")}
            )
    return loads


def disallowed_message(label):
    message = _("备份包含本站不恢复的数据类型 %(model)s，未写入任何内容。") % {"model": label}
    if str(label).lower() == get_user_model()._meta.label_lower:
        message += _("用户账户只在导出和恢复都加 --include-accounts 时恢复。")
    return message


def permission_ids(names_by_pk):
    """{package permission pk: local permission pk}, by codename, app label and model.

    A permission this site does not have (an app that is not installed here)
    is left out; a row that uses it is refused by localise.
    """
    mapping = {}
    for old_pk, (codename, app_label, model) in names_by_pk.items():
        permission = Permission.objects.filter(
            codename=codename, content_type__app_label=app_label, content_type__model=model
        ).first()
        if permission is not None:
            mapping[int(old_pk)] = permission.pk
    return mapping


def restore_groups(rows, permissions):
    """{package group pk: local group pk}; groups are matched by name, created if missing.

    A group's model permissions become exactly the package's.
    """
    mapping = {}
    for row in rows:
        group, _created = Group.objects.get_or_create(name=row["fields"]["name"])
        group.permissions.set(
            [
                mapped(permissions, pk, "auth.Group", row["pk"], "permissions")
                for pk in row["fields"]["permissions"]
            ]
        )
        mapping[row["pk"]] = group.pk
    return mapping


def restore_accounts(rows, mappings):
    """Create the package's accounts that this site lacks; return (mapping, demoted names).

    An account whose username exists here is left exactly as it is (a
    package never changes a local account). No account is created as a
    superuser: a package superuser comes back as an ordinary account, and its
    username is reported so an administrator can grant the status again.
    """
    User = get_user_model()
    mapping, demoted = {}, []
    for row in rows:
        username = row["fields"][User.USERNAME_FIELD]
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            fields = dict(row["fields"])
            if fields.get("is_superuser"):
                demoted.append(username)
                fields["is_superuser"] = False
            new = {"model": row["model"], "pk": None, "fields": fields}
            localise(new, User, {**mappings, User: {}})
            (deserialized,) = serializers.deserialize("python", [new])
            deserialized.save()
            user = deserialized.object
        mapping[row["pk"]] = user.pk
    return mapping, demoted


def user_ids(usernames_by_pk, known=None):
    """{package user pk: local user pk}, by username.

    Accounts named in the package but missing here come back as inactive
    placeholders: passwords are never exported, the names keep revisions and
    the audit log readable.
    """
    User = get_user_model()
    mapping = dict(known or {})
    for old_pk, username in usernames_by_pk.items():
        if int(old_pk) in mapping:
            continue
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


def mapped(mapping, value, model_label, pk, field_name):
    if value not in mapping:
        raise PackageError(
            _("%(model)s %(pk)s 的 %(field)s %(value)s 在备份包或本站中找不到对应。")
            % {"model": model_label, "pk": pk, "field": field_name, "value": value}
        )
    return mapping[value]


def localise(row, model, mappings):
    """Point a row's content type, user, group and permission keys at this database's rows.

    ``mappings`` is {portable model: {package pk: local pk}}.
    """
    label = model._meta.label
    for field in portable_fields(model):
        mapping = mappings[field.related_model]
        if field.primary_key:
            row["pk"] = mapped(mapping, row["pk"], label, row["pk"], field.name)
            continue
        value = row["fields"].get(field.name)
        if value is None:
            continue
        if field.many_to_many:
            row["fields"][field.name] = [
                mapped(mapping, item, label, row["pk"], field.name) for item in value
            ]
        else:
            row["fields"][field.name] = mapped(mapping, value, label, row["pk"], field.name)
    return row


def clear_access_rows():
    """Remove a fresh installation's permissions, workflows and the like; the package's replace them."""
    for label in reversed(ACCESS_MODELS):
        apps.get_model(label)._base_manager.all().delete()


def import_archive(directory, progress=None, include_accounts=False):
    """Validate the package, then restore it into this empty site; return row counts.

    Refused before anything is written: a package that fails BagIt validation,
    is not signed with this site's key, or names a model outside
    ``allowed_models`` (user accounts only with ``include_accounts``).
    """
    say = progress or (lambda message: None)
    data, description = open_package(directory)
    loads = check_allowed(data, description, include_accounts)
    say(_("备份包校验通过（SHA-256 全部一致，签名出自本站）。"))
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
            rows_of = {name: rows for name, _model, rows in loads}
            root_pk = next(
                row["pk"] for row in rows_of[database_file(Page)] if row["fields"]["depth"] == 1
            )
            clear_placeholders(root_pk)
            clear_access_rows()
            User = get_user_model()
            counts = Counter()
            mappings = {
                ContentType: content_type_ids(description.get("content_types", {})),
                Permission: permission_ids(description.get("permissions", {})),
            }
            mappings[Group] = restore_groups(rows_of.get(GROUPS_FILE, []), mappings[Permission])
            counts[Group._meta.label] = len(mappings[Group])
            accounts, demoted = {}, []
            if include_accounts and ACCOUNTS_FILE in rows_of:
                accounts, demoted = restore_accounts(rows_of[ACCOUNTS_FILE], mappings)
                counts[User._meta.label] = len(accounts)
            mappings[User] = user_ids(description.get("users", {}), known=accounts)
            loaded_models = set()
            for name, model, rows in loads:
                if name in (GROUPS_FILE, ACCOUNTS_FILE):
                    continue
                for row in rows:
                    localise(row, model, mappings)
                for deserialized in serializers.deserialize("python", rows):
                    deserialized.save()
                    loaded_models.add(type(deserialized.object))
                    counts[deserialized.object._meta.label] += 1
            connection.check_constraints()
            reset_sequences(loaded_models)
            say(_("已恢复 %(count)s 行数据。") % {"count": sum(counts.values())})
            if demoted:
                say(
                    _(
                        "备份中的超级管理员 %(names)s 已恢复为普通账户；"
                        "需要时请由管理员重新授予超级管理员身份。"
                    )
                    % {"names": "、".join(demoted)}
                )
            # The read API lists only images and documents a public page uses,
            # by the reference index; it is derived data, so it is made again.
            call_command("rebuild_references_index", verbosity=0, stdout=io.StringIO())
            say(_("已重建引用索引。"))

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
    regenerate_renditions(say)
    return counts


def regenerate_renditions(say):
    """Make every image's base renditions (images/renditions.py), as an upload does."""
    images = ArchiveImage.objects.order_by("pk")
    failed = []
    for image in images:
        try:
            make_renditions(image)
        except Exception as error:  # one damaged original must not hide the others
            failed.append(f"{image.file.name}（{error}）")
    say(_("已为 %(count)s 张图片生成缩略图。") % {"count": images.count() - len(failed)})
    for problem in failed:
        say(_("无法生成缩略图：%(problem)s") % {"problem": problem})


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
