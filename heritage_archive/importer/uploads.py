"""The files a curator uploads in the admin, kept in a private folder per import.

The folder (settings.IMPORT_WORK_ROOT / job id, mode 0700) is never under
MEDIA_ROOT: nothing in it is served. The media ZIP is unpacked there with
the rules of ``import_records --media-dir`` (media.check_relative_path) and
limits of its own, checked on the declared sizes before anything is
inflated, so a ``../`` name, a link, an oversized file or a bomb refuses the
whole ZIP with a message naming the member, and nothing is imported.
"""

import shutil
import stat
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from .media import MediaProblem, check_relative_path
from .readers import MAX_COMPRESSION_RATIO, MAX_FILE_BYTES, RATIO_CHECKED_ABOVE_BYTES

SHEET_SUFFIXES = (".csv", ".xlsx")
MAX_SHEET_BYTES = MAX_FILE_BYTES
# The ZIP as uploaded; deploy/nginx/anci.conf lets /admin/archive/import/
# take this much (every other request stops at 32 MB).
MAX_ZIP_BYTES = 200 * 1024 * 1024
# One file inside it: the admin's own image upload limit, which also covers
# the recordings the curators have.
MAX_MEMBER_BYTES = 100 * 1024 * 1024
MAX_UNZIPPED_BYTES = 500 * 1024 * 1024
MAX_MEMBERS = 5_000
SHEET_STEM = "sheet"
MEDIA_FOLDER = "media"
CHUNK = 1024 * 1024


class UploadProblem(Exception):
    """The upload is refused as a whole; the message says why, in Chinese."""

    field = "sheet"


class MediaZipProblem(UploadProblem):
    field = "media"


def new_folder(job_id):
    root = Path(settings.IMPORT_WORK_ROOT)
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder = root / str(job_id)
    folder.mkdir(mode=0o700)
    return folder


def remove_folder(folder):
    shutil.rmtree(folder, ignore_errors=True)


def sheet_suffix(name):
    suffix = Path(name).suffix.lower()
    if suffix not in SHEET_SUFFIXES:
        raise UploadProblem(
            _("不支持的文件类型“%(suffix)s”：只接受 .csv 或 .xlsx。") % {"suffix": suffix or name}
        )
    return suffix


def save_sheet(uploaded, folder):
    """Copy the uploaded sheet into the folder under a fixed name; return its path."""
    suffix = sheet_suffix(uploaded.name)
    if uploaded.size > MAX_SHEET_BYTES:
        raise UploadProblem(
            _("表格文件太大（%(size)s 字节），上限为 %(max)s 字节；请拆分成几个文件分批导入。")
            % {"size": f"{uploaded.size:,}", "max": f"{MAX_SHEET_BYTES:,}"}
        )
    path = folder / f"{SHEET_STEM}{suffix}"
    with path.open("wb") as handle:
        for chunk in uploaded.chunks():
            handle.write(chunk)
    return path


def sheet_path(folder):
    for suffix in SHEET_SUFFIXES:
        path = folder / f"{SHEET_STEM}{suffix}"
        if path.exists():
            return path
    raise FileNotFoundError(folder)


def media_folder(folder):
    """Where the sheet's media paths start (empty when no ZIP came with it)."""
    path = folder / MEDIA_FOLDER
    path.mkdir(exist_ok=True, mode=0o700)
    return path


def unpack_media(uploaded, folder):
    """Unpack the media ZIP into the folder's media/; refuse all of it on any fault."""
    if Path(uploaded.name).suffix.lower() != ".zip":
        raise MediaZipProblem(_("媒体文件必须是 .zip 压缩包。"))
    if uploaded.size > MAX_ZIP_BYTES:
        raise MediaZipProblem(
            _("压缩包太大（%(size)s 字节），上限为 %(max)s 字节；请分批导入。")
            % {"size": f"{uploaded.size:,}", "max": f"{MAX_ZIP_BYTES:,}"}
        )
    target = media_folder(folder)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            members = [member for member in archive.infolist() if not member.is_dir()]
            _check_members(members)
            for member in members:
                _extract(archive, member, target)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise MediaZipProblem(_("无法读取压缩包：%(error)s") % {"error": error}) from None


def _check_members(members):
    if len(members) > MAX_MEMBERS:
        raise MediaZipProblem(
            _("压缩包里有 %(count)s 个文件，上限为 %(max)s 个；请分批导入。")
            % {"count": f"{len(members):,}", "max": f"{MAX_MEMBERS:,}"}
        )
    total = 0
    for member in members:
        name = member.filename
        try:
            check_relative_path(name)
        except MediaProblem as problem:
            raise MediaZipProblem(
                _("压缩包中的“%(name)s”被拒绝：%(reason)s") % {"name": name, "reason": problem}
            ) from None
        if stat.S_ISLNK(member.external_attr >> 16):
            raise MediaZipProblem(
                _("压缩包中的“%(name)s”是符号链接；只接受普通文件。") % {"name": name}
            )
        if member.file_size > MAX_MEMBER_BYTES:
            raise MediaZipProblem(
                _("压缩包中的“%(name)s”太大（%(size)s 字节），单个文件上限为 %(max)s 字节。")
                % {"name": name, "size": f"{member.file_size:,}", "max": f"{MAX_MEMBER_BYTES:,}"}
            )
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECKED_ABOVE_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise MediaZipProblem(
                _(
                    "压缩包中的“%(name)s”压缩比为 %(ratio)s 倍，超过 %(max)s 倍，不像正常的媒体文件。"
                )
                % {"name": name, "ratio": int(ratio), "max": MAX_COMPRESSION_RATIO}
            )
        total += member.file_size
    if total > MAX_UNZIPPED_BYTES:
        raise MediaZipProblem(
            _("压缩包解压后有 %(size)s 字节，上限为 %(max)s 字节；请分批导入。")
            % {"size": f"{total:,}", "max": f"{MAX_UNZIPPED_BYTES:,}"}
        )


def _extract(archive, member, target):
    path = target / check_relative_path(member.filename)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    written = 0
    # Copied with a cap of its own: the declared size is what was checked.
    with archive.open(member) as source, path.open("wb") as handle:
        while chunk := source.read(CHUNK):
            written += len(chunk)
            if written > member.file_size:
                raise MediaZipProblem(
                    _("压缩包中的“%(name)s”比声明的更大，已拒绝。") % {"name": member.filename}
                )
            handle.write(chunk)
