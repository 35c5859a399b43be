"""Storages that fail the way a real media folder fails, for the upload fault tests.

They are the project's own storage with the operating system's answer put in:
the read-only one refuses before a byte is written (as ``open`` does on a
read-only mount, EROFS); the full one lets half the bytes reach the disk and
then fails (as ``write`` does when the disk fills, ENOSPC), so the partial
file really exists and must be removed.
"""

import errno
import os

from django.core.files.base import File

from heritage_archive.media.mediafiles.storage import ArchiveFileSystemStorage


class ReadOnlyStorage(ArchiveFileSystemStorage):
    def _save(self, name, content):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), self.path(name))


class _FillsAfterFirstChunk(File):
    def chunks(self, chunk_size=None):
        # Uploads held in memory come as one chunk whatever size is asked for,
        # so half the bytes are handed over before the disk "fills".
        data = b"".join(self.file.chunks())
        yield data[: len(data) // 2]
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class DiskFullStorage(ArchiveFileSystemStorage):
    def _save(self, name, content):
        return super()._save(name, _FillsAfterFirstChunk(content, name))
