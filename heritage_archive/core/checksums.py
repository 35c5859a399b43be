"""SHA-256 of original files, recorded at upload so fixity can be proved later."""

import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _

CHUNK_SIZE = 1024 * 1024


def sha256_of(file):
    """Hex SHA-256 of a Django File (or any binary file object), read in chunks."""
    digest = hashlib.sha256()
    if hasattr(file, "seek"):
        file.seek(0)
    chunks = (
        file.chunks(CHUNK_SIZE)
        if hasattr(file, "chunks")
        else iter(lambda: file.read(CHUNK_SIZE), b"")
    )
    for chunk in chunks:
        digest.update(chunk)
    if hasattr(file, "seek"):
        file.seek(0)
    return digest.hexdigest()


class ChecksummedFileMixin(models.Model):
    """Stores the SHA-256 of ``self.file`` whenever a new original is saved.

    The hash is taken from the uploaded bytes before anything else touches
    them, and recomputed only when the file itself changes.
    """

    sha256 = models.CharField(
        _("SHA-256"), max_length=64, blank=True, editable=False, db_index=True
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        file = self.file
        if file and (not self.sha256 or not getattr(file, "_committed", True)):
            self.sha256 = sha256_of(file)
        super().save(*args, **kwargs)
