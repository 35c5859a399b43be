"""Re-hash every original file against the SHA-256 stored at upload.

Findings come in three kinds: a file whose bytes changed, a file a record
points at that is gone, and a file in an originals folder that no record
references (an upload that lost its row, or something dropped in by hand).
"""

import os
from dataclasses import asdict, dataclass
from pathlib import PurePosixPath

from django.core.files.storage import default_storage

from heritage_archive.core.checksums import sha256_of
from heritage_archive.media.images.models import ArchiveImage
from heritage_archive.media.mediafiles.models import ArchiveDocument, ArchiveMedia

CHANGED = "changed"
MISSING = "missing"
UNTRACKED = "untracked"

# The models whose ``file`` is an original with a stored ``sha256``.
ORIGINAL_MODELS = (ArchiveImage, ArchiveDocument, ArchiveMedia)


@dataclass
class Finding:
    kind: str
    path: str
    model: str = ""
    pk: int | None = None
    expected: str = ""
    actual: str = ""

    def as_dict(self):
        return asdict(self)


def upload_folder(model):
    """The top folder under MEDIA_ROOT where ``model`` stores its originals.

    Read from the field itself (a string upload_to, or the folder a
    callable upload_to names for a sample file) rather than hard-coded.
    """
    upload_to = model._meta.get_field("file").upload_to
    if callable(upload_to):
        upload_to = upload_to(model(), "sample.bin")
    return PurePosixPath(upload_to).parts[0]


def original_folders():
    return sorted({upload_folder(model) for model in ORIGINAL_MODELS})


def tracked_records():
    """Every (model label, pk, file name, stored sha256) with a file, in a stable order."""
    for model in ORIGINAL_MODELS:
        rows = model.objects.exclude(file="").order_by("pk").values_list("pk", "file", "sha256")
        for pk, name, sha256 in rows:
            yield model._meta.label, pk, name, sha256


def files_under(folder):
    """Relative names of every file under ``folder`` in default storage, walked recursively."""
    if not default_storage.exists(folder):
        return
    pending = [folder]
    while pending:
        current = pending.pop()
        directories, files = default_storage.listdir(current)
        for name in files:
            yield f"{current}/{name}"
        pending.extend(f"{current}/{name}" for name in directories)


def audit(progress=None):
    """(checked count, [Finding]) for every original; ``progress(done, total)`` as it goes."""
    records = list(tracked_records())
    total = len(records)
    findings = []
    referenced = set()
    for done, (label, pk, name, expected) in enumerate(records, start=1):
        referenced.add(os.path.normpath(name))
        if not default_storage.exists(name):
            findings.append(Finding(MISSING, name, label, pk, expected=expected))
        else:
            with default_storage.open(name, "rb") as handle:
                actual = sha256_of(handle)
            if actual != expected:
                findings.append(Finding(CHANGED, name, label, pk, expected, actual))
        if progress:
            progress(done, total)
    for folder in original_folders():
        for name in sorted(files_under(folder)):
            if os.path.normpath(name) not in referenced:
                findings.append(Finding(UNTRACKED, name))
    return total, findings
