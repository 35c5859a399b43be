"""IIIF: a level 0 Image API 3.0 service over pre-made renditions, and
Presentation 3.0 manifests (built with iiif-prezi3) for record pages.

Level 0 means fixed sizes only. The sizes offered are the full-image
renditions every image gets at upload (images/renditions.py); cropped
renditions (fill-*) are not the full region, so they only serve as
thumbnails. Nothing here ever creates a rendition.
"""

import json
import posixpath
from dataclasses import dataclass

from django.urls import reverse
from iiif_prezi3 import Manifest, Resource

from heritage_archive.core.addresses import absolute_url, page_url
from heritage_archive.core.templatetags.archive_tags import gallery_rows
from heritage_archive.core.visibility import visible_files
from heritage_archive.media.images.models import ArchiveImage, ArchiveRendition
from heritage_archive.media.images.renditions import BASE_SPECS
from heritage_archive.records.figures.models import FigurePage
from heritage_archive.records.heritage.models import HeritageItemPage
from heritage_archive.records.inheritors.models import InheritorPage
from heritage_archive.site.galleries.models import GalleryPage

from .records import PUBLISHER

# Full-region renditions made for every image at upload, smallest first.
SIZE_SPECS = ("width-800", "max-1600x1600")
THUMBNAIL_SPEC = "fill-160x160"
assert set(SIZE_SPECS) | {THUMBNAIL_SPEC} <= set(BASE_SPECS), "IIIF sizes must be upload renditions"

IMAGE_CONTEXT = "http://iiif.io/api/image/3/context.json"
FORMATS = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
}
MANIFEST_TYPES = (HeritageItemPage, InheritorPage, FigurePage, GalleryPage)


@dataclass(frozen=True)
class FixedSize:
    width: int
    height: int
    format: str  # IIIF format name: jpg, png, ...
    rendition: ArchiveRendition


def iiif_format(rendition):
    extension = posixpath.splitext(rendition.file.name)[1].lstrip(".").lower()
    return "jpg" if extension == "jpeg" else extension


def fixed_sizes(image):
    """The sizes this image can be served at, smallest first, one per width×height."""
    sizes = {}
    renditions = ArchiveRendition.objects.filter(image=image, filter_spec__in=SIZE_SPECS)
    for rendition in sorted(renditions, key=lambda r: (r.width * r.height, r.pk)):
        if iiif_format(rendition) in FORMATS:
            sizes.setdefault((rendition.width, rendition.height), FixedSize(
                rendition.width, rendition.height, iiif_format(rendition), rendition
            ))  # fmt: skip
    return list(sizes.values())


def image_service_url(request, image):
    return absolute_url(reverse("iiif_image_base", args=[image.pk]), request)


def image_url(request, image, size):
    return f"{image_service_url(request, image)}/full/{size.width},{size.height}/0/default.{size.format}"


def image_info(request, image, sizes):
    """The info.json of a level 0 service: fixed sizes, no tiles."""
    largest = sizes[-1]
    return {
        "@context": IMAGE_CONTEXT,
        "id": image_service_url(request, image),
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level0",
        "width": image.width,
        "height": image.height,
        # "max" is the largest pre-made size, never the original.
        "maxWidth": largest.width,
        "maxHeight": largest.height,
        "sizes": [{"width": size.width, "height": size.height} for size in sizes],
        "preferredFormats": [largest.format],
    }


def find_size(sizes, size_parameter):
    """The FixedSize a size parameter names (``max``, ``w,h``, ``w,``, ``,h``), or None."""
    if not sizes:
        return None
    if size_parameter == "max":
        return sizes[-1]
    width, comma, height = size_parameter.partition(",")
    if not comma or not (width or height):
        return None
    for size in sizes:
        if (not width or width == str(size.width)) and (not height or height == str(size.height)):
            return size
    return None


def record_images(page):
    """The images a record shows, in page order, without repeats."""
    images = []
    portrait = getattr(page, "portrait", None)
    if portrait is not None:
        images.append((portrait, page.title))
    if hasattr(page, "gallery_images"):
        # The rows the page's gallery read already (one read per page object).
        for item in gallery_rows(page.gallery_images):
            images.append((item.image, item.caption or item.image.title))
    if isinstance(page, GalleryPage):
        for artwork in page.get_artworks():
            images.append((artwork.image, artwork.title))
    seen = set()
    unique = []
    for image, label in images:
        if image.pk not in seen:
            seen.add(image.pk)
            unique.append((image, label))
    return unique


def manifest_images(page, request=None):
    """``[(image, label, sizes)]`` for the images the image service will serve.

    An image in a private collection stays out, as the image service refuses it.
    """
    images = record_images(page)
    visible_ids = set(
        visible_files(
            ArchiveImage.objects.filter(pk__in=[image.pk for image, _label in images]), request
        ).values_list("pk", flat=True)
    )
    result = []
    for image, label in images:
        sizes = fixed_sizes(image) if image.pk in visible_ids else []
        if sizes:
            result.append((image, label, sizes))
    return result


def zh(text):
    return {"zh": [str(text)]}


def build_manifest(request, page):
    """The Presentation 3.0 manifest of a record page, as a JSON-ready dict, or None."""
    images = manifest_images(page, request)
    if not images:
        return None
    manifest_id = absolute_url(reverse("iiif_manifest", args=[page.pk]), request)
    summary = getattr(page, "summary", "") or getattr(page, "introduction", "")
    manifest = Manifest(id=manifest_id, label=zh(page.title))
    if summary:
        manifest.summary = zh(summary)
    manifest.requiredStatement = {"label": zh("提供者"), "value": zh(PUBLISHER)}
    key = getattr(page, "key", "")
    if key:
        manifest.metadata = [{"label": zh("编号"), "value": zh(key)}]
    homepage = page_url(page, request)
    if homepage:
        manifest.homepage = [
            {"id": homepage, "type": "Text", "label": zh(page.title), "format": "text/html"}
        ]
    for index, (image, label, sizes) in enumerate(images, start=1):
        largest = sizes[-1]
        canvas = manifest.make_canvas(
            id=f"{manifest_id.removesuffix('/manifest.json')}/canvas/{index}",
            label=zh(label),
            width=image.width,
            height=image.height,
        )
        annotation_page = canvas.add_image(
            image_url=image_url(request, image, largest),
            anno_page_id=f"{canvas.id}/page",
            anno_id=f"{canvas.id}/annotation",
            format=FORMATS[largest.format],
            width=largest.width,
            height=largest.height,
        )
        annotation_page.items[0].body.make_service(
            id=image_service_url(request, image), type="ImageService3", profile="level0"
        )
        thumbnail = ArchiveRendition.objects.filter(image=image, filter_spec=THUMBNAIL_SPEC).first()
        if thumbnail is not None and iiif_format(thumbnail) in FORMATS:
            # A Resource, not add_thumbnail()'s AnnotationBody, which the
            # model's own serializer warns about for this field.
            canvas.thumbnail = [
                Resource(
                    id=absolute_url(thumbnail.url, request),
                    type="Image",
                    format=FORMATS[iiif_format(thumbnail)],
                    width=thumbnail.width,
                    height=thumbnail.height,
                )
            ]
    # The library's own JSON serialisation (its dicts hold pydantic URL objects).
    return json.loads(manifest.jsonld())
