"""Admin form bases for documents and audio/video, and the upload guard all three file forms share.

Wagtail writes an upload to storage inside ``model.save()``, after the form
was accepted, so a read-only or full media folder would end the request with
a server error (or, in the multiple-upload view, a failed request the curator
cannot read). The guard writes the file while the form is validated instead:
a failure becomes an error on the file field, shown by every add, edit and
multiple-upload view, and no database row is ever created for it.
"""

import errno
import logging

from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtailmedia.forms import BaseMediaForm

from heritage_archive.core.checksums import sha256_of

logger = logging.getLogger(__name__)

STORAGE_FAILURE_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT}
STORAGE_FAILURE_MESSAGE = _("存储空间不足或不可写，文件未保存。")


class StoresUploadDuringValidationMixin:
    """Write a new upload to storage in ``_post_clean``; a failed write is a form error."""

    upload_field_names = ("file",)

    def _post_clean(self):
        super()._post_clean()
        for name in self.upload_field_names:
            if name not in self.fields or any(n in self.errors for n in self.upload_field_names):
                continue
            # Another field failing (a missing alt text, say) must not hide a
            # storage failure: Wagtail's multiple upload then writes the file
            # itself as an UploadedFile and would fail with a server error.
            # The probe's file is removed again, as the form saves nothing.
            other_errors = bool(self.errors)
            stored = self._store_upload(name)
            if stored and other_errors:
                stored.storage.delete(stored.name)
                setattr(self.instance, name, self.initial.get(name) or None)

    def _store_upload(self, name):
        """Write the new upload; return the stored file, or None when nothing was written."""
        file = getattr(self.instance, name)
        if not file or getattr(file, "_committed", True):
            return None
        if name == "file":
            # The hash comes from the uploaded bytes: ChecksummedFileMixin
            # only hashes files that model.save() itself writes.
            self.instance.sha256 = sha256_of(file.file)
        try:
            file.save(file.name, file.file, save=False)
        except OSError as error:
            if error.errno not in STORAGE_FAILURE_ERRNOS:
                raise
            logger.error("Upload to %s not stored: %s", name, error)
            # Back to the stored file (or none), never a name that was not written.
            setattr(self.instance, name, self.initial.get(name) or None)
            self.add_error(name, STORAGE_FAILURE_MESSAGE)
            return None
        return file


class ArchiveDocumentForm(StoresUploadDuringValidationMixin, BaseDocumentForm):
    pass


class ArchiveMediaForm(StoresUploadDuringValidationMixin, BaseMediaForm):
    upload_field_names = ("file", "thumbnail")
