"""Helpers shared by the test suite: the site tree and images drawn with Pillow."""

import io

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw

from heritage_archive.core.site_tree import ensure_site_tree


def build_site():
    """The site tree of the seed, as ``{node key: page}`` (see core.site_tree)."""
    return ensure_site_tree()


def png_bytes(width=64, height=48, color=(166, 27, 27), image_format="PNG"):
    image = Image.new("RGB", (width, height), color)
    ImageDraw.Draw(image).rectangle((4, 4, width // 2, height // 2), fill=(240, 200, 80))
    buffer = io.BytesIO()
    image.save(buffer, image_format)
    return buffer.getvalue()


def make_image(title="测试图片", alt="测试图片的替代文字", **kwargs):
    from heritage_archive.media.images.models import ArchiveImage

    data = png_bytes(**kwargs)
    return ArchiveImage.objects.create(
        title=title,
        description=alt,
        file=ImageFile(io.BytesIO(data), name="test.png"),
    )
