"""A private MEDIA_ROOT per test, so fixity and backup tests see only their own files."""

import shutil
import tempfile
from pathlib import Path

from django.core.cache import cache
from django.test import override_settings


class PrivateMediaMixin:
    def setUp(self):
        super().setUp()
        self.media_root = Path(tempfile.mkdtemp(prefix="anci-preservation-media-"))
        self.addCleanup(shutil.rmtree, self.media_root, ignore_errors=True)
        override = override_settings(MEDIA_ROOT=self.media_root)
        override.enable()
        self.addCleanup(override.disable)
        # Wagtail caches renditions by image id; ids are reused after each test's rollback.
        cache.clear()
