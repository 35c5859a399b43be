from django.core.cache import cache
from django.core.files.images import ImageFile
from django.core.management.base import CommandError
from django.test import TestCase

from heritage_archive.core.checksums import sha256_of
from heritage_archive.media.images.models import ArchiveImage
from heritage_archive.media.images.renditions import RENDITION_SPECS
from heritage_archive.media.mediafiles.models import ArchiveMedia
from heritage_archive.records.heritage.models import HeritageItemPage
from tests.utils import build_site

from .helpers import ImportFilesMixin
from .test_heritage_import import HEADER, revisions_of


class MediaImportTests(ImportFilesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()

    def setUp(self):
        super().setUp()
        # Wagtail caches renditions by image id; ids are reused after each test's rollback.
        cache.clear()

    def import_with_media(self, make_renditions=False):
        self.write_png("photos/stage.png", color=(10, 120, 200))
        self.write_png("photos/props.png", color=(200, 120, 10))
        (self.folder / "sound").mkdir()
        (self.folder / "sound" / "song.mp3").write_bytes(b"ID3" + b"\x00" * 64)
        (self.folder / "sound" / "show.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)
        path = self.write_csv(
            [
                [*HEADER, "images", "audio", "video"],
                [
                    "Ⅴ-3",
                    "安次快板",
                    "曲艺",
                    "区级",
                    "photos/stage.png|舞台上的快板演出|2019 年汇演；photos/props.png",
                    "sound/song.mp3",
                    "sound/show.mp4",
                ],
            ]
        )
        # The rendition handler runs on commit, which a TestCase never reaches by itself.
        with self.captureOnCommitCallbacks(execute=make_renditions):
            self.run_import("heritage", path)
        return path

    def test_images_audio_and_video_are_attached_with_their_sha256(self):
        self.import_with_media()

        item = HeritageItemPage.objects.get()
        stage, props = [gallery.image for gallery in item.gallery_images.all()]
        with (self.folder / "photos" / "stage.png").open("rb") as handle:
            self.assertEqual(stage.sha256, sha256_of(handle))
        self.assertEqual(stage.description, "舞台上的快板演出")
        self.assertEqual(item.gallery_images.first().caption, "2019 年汇演")
        # A path without alt text still gets alt text, from the record's title.
        self.assertEqual(props.description, "安次快板图片")
        self.assertEqual(props.title, "props")
        media = {entry.media.type: entry.media for entry in item.media_items.all()}
        self.assertEqual(set(media), {"audio", "video"})
        with (self.folder / "sound" / "song.mp3").open("rb") as handle:
            self.assertEqual(media["audio"].sha256, sha256_of(handle))

    def test_renditions_are_made_during_the_import(self):
        self.import_with_media(make_renditions=True)

        for image in ArchiveImage.objects.all():
            self.assertEqual(
                set(image.renditions.values_list("filter_spec", flat=True)),
                set(RENDITION_SPECS),
            )

    def test_reimport_reuses_files_by_sha256(self):
        path = self.import_with_media()
        item = HeritageItemPage.objects.get()
        revisions = revisions_of(item)

        self.run_import("heritage", path)

        self.assertEqual(ArchiveImage.objects.count(), 2)
        self.assertEqual(ArchiveMedia.objects.count(), 2)
        self.assertEqual(revisions_of(item), revisions)

    def test_an_image_already_in_the_archive_is_reused(self):
        self.write_png("stage.png")
        with (self.folder / "stage.png").open("rb") as handle:
            existing = ArchiveImage.objects.create(
                title="已有图片",
                description="馆员写的替代文字",
                file=ImageFile(handle, name="x.png"),
            )
        path = self.write_csv(
            [[*HEADER, "images"], ["Ⅴ-3", "安次快板", "曲艺", "区级", "stage.png"]]
        )

        self.run_import("heritage", path)

        gallery = HeritageItemPage.objects.get().gallery_images.get()
        self.assertEqual(gallery.image, existing)
        existing.refresh_from_db()
        self.assertEqual(existing.description, "馆员写的替代文字")
        self.assertEqual(ArchiveImage.objects.count(), 1)

    def test_unsupported_audio_format_is_reported(self):
        (self.folder / "song.exe").write_bytes(b"MZ")
        path = self.write_csv([[*HEADER, "audio"], ["Ⅴ-3", "安次快板", "曲艺", "区级", "song.exe"]])

        with self.assertRaises(CommandError):
            self.run_import("heritage", path)

        self.assertIn("row 2, column audio: “song.exe”不是支持的音频格式", self.last_stderr)
