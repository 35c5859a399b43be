"""A private MEDIA_ROOT per test, so fixity and backup tests see only their own files."""

import shutil
import tempfile
from pathlib import Path

from django.core.cache import cache
from django.test import override_settings

# The folders under MEDIA_ROOT that hold originals (renditions go to "images").
MEDIA_FOLDERS = ("original_images", "documents", "media", "media_thumbnails")


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


class ClassMediaAndPackagesMixin:
    """A MEDIA_ROOT and a folder for packages shared by a class's tests (demo content is slow)."""

    @classmethod
    def setUpClass(cls):
        cls.media_root = Path(tempfile.mkdtemp(prefix="anci-backup-media-"))
        cls.packages = Path(tempfile.mkdtemp(prefix="anci-backup-packages-"))
        cls.media_override = override_settings(MEDIA_ROOT=cls.media_root)
        cls.media_override.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.media_override.disable()
        shutil.rmtree(cls.media_root, ignore_errors=True)
        shutil.rmtree(cls.packages, ignore_errors=True)

    def set_media_aside(self):
        """Move the class's media folders aside until the test ends (a restore needs them empty)."""
        stash = Path(tempfile.mkdtemp(dir=self.packages))
        for folder in (*MEDIA_FOLDERS, "images"):
            if (self.media_root / folder).exists():
                shutil.move(self.media_root / folder, stash / folder)

        def put_back():
            for folder in (*MEDIA_FOLDERS, "images"):
                shutil.rmtree(self.media_root / folder, ignore_errors=True)
                if (stash / folder).exists():
                    shutil.move(stash / folder, self.media_root / folder)

        self.addCleanup(put_back)

    def copy_of_package(self):
        copy = Path(tempfile.mkdtemp(dir=self.packages)) / "copy"
        shutil.copytree(self.package, copy)
        return copy
