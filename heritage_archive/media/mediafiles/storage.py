"""The media storage: Django's file system storage that never leaves half a file behind."""

import contextlib
import os

from django.core.files.storage import FileSystemStorage


class ArchiveFileSystemStorage(FileSystemStorage):
    """FileSystemStorage that removes the partial file when a write fails.

    Django's own storage leaves whatever was written before a full disk
    (ENOSPC) or another OSError stopped it. The name handed to ``_save`` was
    free a moment ago (``save`` asked ``get_available_name``), so a file under
    it that did not exist before the write is this write's leftover.
    """

    def _save(self, name, content):
        full_path = self.path(name)
        existed = os.path.lexists(full_path)
        try:
            return super()._save(name, content)
        except OSError:
            if not existed and os.path.lexists(full_path):
                # The original error is the one worth reporting.
                with contextlib.suppress(OSError):
                    os.remove(full_path)
            raise
