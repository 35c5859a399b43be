"""What an uploaded image must pass before anything decodes it.

Only the formats a heritage archive publishes are opened (no SVG, no FITS,
PSD or other exotic decoders), and the pixel count is read from the header
so a decompression bomb is refused before a single pixel is decoded.
"""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# Pillow format names of the allow-listed formats.
ALLOWED_PILLOW_FORMATS = ("JPEG", "PNG", "WEBP", "AVIF", "GIF")
_EXTENSION_FORMATS = {
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "png": "PNG",
    "webp": "WEBP",
    "avif": "AVIF",
    "gif": "GIF",
}


def harden_pillow():
    """Make Pillow refuse decompression bombs everywhere in this process.

    Pillow only warns between MAX_IMAGE_PIXELS and twice that; the warning
    becomes an error so no code path decodes an oversized image. Formats are
    limited where files enter the archive (validate_image_file), which is the
    only way an image reaches Willow's renditions.
    """
    Image.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    warnings.simplefilter("error", Image.DecompressionBombWarning)


def validate_image_file(file, name=None):
    """Raise ValidationError with a clear Chinese message unless ``file`` is a safe image.

    ``file`` is any binary file object; it is rewound afterwards.
    """
    name = name or getattr(file, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in _EXTENSION_FORMATS:
        raise ValidationError(
            _("不支持的图片格式“%(name)s”。只接受 JPEG、PNG、WebP、AVIF 和 GIF。") % {"name": name},
            code="invalid_image_extension",
        )

    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
    if size == 0:
        raise ValidationError(_("图片文件是空的。"), code="empty_image")
    max_size = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    if size > max_size:
        raise ValidationError(
            _("图片文件太大（%(size)s），上限为 %(max)s。")
            % {"size": filesizeformat(size), "max": filesizeformat(max_size)},
            code="file_too_large",
        )

    file.seek(0)
    max_pixels = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    try:
        with Image.open(file, formats=ALLOWED_PILLOW_FORMATS) as image:
            frames = getattr(image, "n_frames", 1)
            pixels = image.width * image.height * frames
            if pixels > max_pixels:
                raise ValidationError(
                    _("图片像素过多（%(pixels)s），上限为 %(max)s 像素；可能是解压炸弹，已拒绝。")
                    % {"pixels": f"{pixels:,}", "max": f"{max_pixels:,}"},
                    code="file_too_many_pixels",
                )
            if image.format != _EXTENSION_FORMATS[extension]:
                raise ValidationError(
                    _("文件扩展名 .%(extension)s 与实际格式 %(format)s 不符。")
                    % {"extension": extension, "format": image.format},
                    code="invalid_image_known_format",
                )
            image.verify()
        # verify() checks structure only; decoding finds a truncated JPEG.
        # The pixel count is already bounded above.
        file.seek(0)
        with Image.open(file, formats=ALLOWED_PILLOW_FORMATS) as image:
            image.load()
        _refuse_trailing_data(file, extension, name)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("图片像素过多，上限为 %(max)s 像素；可能是解压炸弹，已拒绝。")
            % {"max": f"{max_pixels:,}"},
            code="file_too_many_pixels",
        ) from None
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise ValidationError(
            _("无法读取图片“%(name)s”：文件已损坏或不是受支持的图片格式。") % {"name": name},
            code="invalid_image",
        ) from error
    finally:
        file.seek(0)


# How a file of each format must end. Bytes after the end marker are how a
# polyglot (a PNG that is also a ZIP, a GIF that is also HTML) hides its
# payload. JPEG is left out: cameras legitimately append data after EOI.
_END_MARKERS = {
    "PNG": b"\x00\x00\x00\x00IEND\xaeB`\x82",
    "GIF": b"\x3b",
}


def _refuse_trailing_data(file, extension, name):
    marker = _END_MARKERS.get(_EXTENSION_FORMATS[extension])
    if marker is None:
        return
    file.seek(-len(marker), 2)
    if file.read(len(marker)) != marker:
        raise ValidationError(
            _("图片“%(name)s”在图像数据之后附带了其他内容（可能是伪装成图片的文件），已拒绝。")
            % {"name": name},
            code="invalid_image_trailing_data",
        )
