"""Media files named in a spreadsheet: found inside --media-dir, checked, hashed.

A path must stay inside the media folder: absolute paths (``/``, ``\\server``,
``C:``) and ``..`` are refused, and so is a symbolic link that leads outside.
A path the file system cannot even look up (a NUL or other control
character, a name too long, a symbolic link loop) is a problem of its cell
too, never an exception out of the import.
"""

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from heritage_archive.core.checksums import sha256_of
from heritage_archive.media.images.validation import validate_image_file

AUDIO_EXTENSIONS = ("mp3", "m4a", "aac", "wav", "ogg", "oga", "flac")
VIDEO_EXTENSIONS = ("mp4", "m4v", "webm", "mov", "ogv")
_WINDOWS_DRIVE_RE = re.compile(r"^[A-Za-z]:")
# Linux refuses longer names (ENAMETOOLONG); counted in UTF-8 bytes, as it does.
MAX_NAME_BYTES = 255
MAX_PATH_CHARS = 1024


class MediaProblem(Exception):
    pass


@dataclass(frozen=True)
class MediaFile:
    path: Path
    relative: str
    sha256: str

    @property
    def name(self):
        return self.path.name


class MediaFolder:
    """Resolves and checks media paths once each, however often a file is named."""

    def __init__(self, root):
        self.root = Path(root).resolve()
        self._checked = {}

    def image(self, relative):
        return self._get(relative, "image")

    def audio(self, relative):
        return self._get(relative, "audio")

    def video(self, relative):
        return self._get(relative, "video")

    def _get(self, relative, kind):
        cache_key = (relative, kind)
        if cache_key not in self._checked:
            try:
                self._checked[cache_key] = self._check(relative, kind)
            except MediaProblem as problem:
                self._checked[cache_key] = problem
        result = self._checked[cache_key]
        if isinstance(result, MediaProblem):
            raise result
        return result

    def _check(self, relative, kind):
        try:
            return self._check_file(relative, kind)
        except (OSError, ValueError, RuntimeError) as error:
            # Unreadable, vanished, a symbolic link loop (RuntimeError): the cell's problem.
            raise MediaProblem(
                _("无法读取文件“%(path)s”：%(error)s")
                % {"path": _shown(relative), "error": getattr(error, "strerror", None) or error}
            ) from None

    def _check_file(self, relative, kind):
        path = self._resolve(relative)
        extension = path.suffix.lower().lstrip(".")
        if kind == "audio" and extension not in AUDIO_EXTENSIONS:
            raise MediaProblem(
                _("“%(path)s”不是支持的音频格式（%(formats)s）。")
                % {"path": relative, "formats": "、".join(AUDIO_EXTENSIONS)}
            )
        if kind == "video" and extension not in VIDEO_EXTENSIONS:
            raise MediaProblem(
                _("“%(path)s”不是支持的视频格式（%(formats)s）。")
                % {"path": relative, "formats": "、".join(VIDEO_EXTENSIONS)}
            )
        with path.open("rb") as file:
            if kind == "image":
                try:
                    validate_image_file(file, name=path.name)
                except ValidationError as error:
                    raise MediaProblem(
                        _("“%(path)s”：%(reason)s")
                        % {"path": relative, "reason": " ".join(error.messages)}
                    ) from None
            elif path.stat().st_size == 0:
                raise MediaProblem(_("“%(path)s”是空文件。") % {"path": relative})
            return MediaFile(path=path, relative=relative, sha256=sha256_of(file))

    def _resolve(self, relative):
        path = (self.root / check_relative_path(relative)).resolve()
        if not path.is_relative_to(self.root):
            raise MediaProblem(_("“%(path)s”指向媒体文件夹之外。") % {"path": relative})
        if not path.is_file():
            raise MediaProblem(
                _("找不到文件“%(path)s”（在 %(root)s 中）。")
                % {"path": relative, "root": self.root}
            )
        return path


def check_relative_path(relative):
    """The path as a PurePosixPath inside its folder, or MediaProblem.

    The rules a path must follow, whether a sheet's cell names it or it is a
    member of the media ZIP uploaded in the admin (importer.uploads): no
    control characters, no name too long, not absolute, no ``..``.
    """
    shown = _shown(relative)
    if any(unicodedata.category(char) == "Cc" for char in relative):
        raise MediaProblem(
            _("“%(path)s”含有控制字符（如换行、制表符或空字符），不是有效的文件路径。")
            % {"path": shown}
        )
    if len(relative) > MAX_PATH_CHARS:
        raise MediaProblem(
            _("路径“%(path)s”太长（%(length)s 字），最多 %(max)s 字。")
            % {"path": shown, "length": len(relative), "max": MAX_PATH_CHARS}
        )
    text = relative.replace("\\", "/")
    for part in text.split("/"):
        if len(part.encode("utf-8")) > MAX_NAME_BYTES:
            raise MediaProblem(
                _("路径“%(path)s”中有一段名字太长（超过 %(max)s 字节）。")
                % {"path": shown, "max": MAX_NAME_BYTES}
            )
    pure = PurePosixPath(text)
    if pure.is_absolute() or _WINDOWS_DRIVE_RE.match(text):
        raise MediaProblem(
            _("“%(path)s”是绝对路径；请写相对于媒体文件夹的路径。") % {"path": relative}
        )
    if ".." in pure.parts:
        raise MediaProblem(
            _("“%(path)s”不能包含“..”，文件必须在媒体文件夹内。") % {"path": relative}
        )
    return pure


def _shown(relative, limit=80):
    """The path as a message quotes it: control characters visible, long ones cut."""
    text = "".join(
        char if unicodedata.category(char) != "Cc" else f"\\x{ord(char):02x}" for char in relative
    )
    return text if len(text) <= limit else text[:limit] + "…"
