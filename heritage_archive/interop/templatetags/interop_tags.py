from django import template
from django.urls import reverse

from heritage_archive.core.visibility import visible_files
from heritage_archive.interop import iiif
from heritage_archive.media.images.models import ArchiveImage, ArchiveRendition

register = template.Library()


@register.simple_tag(takes_context=True)
def iiif_manifest_url(context, page):
    """The manifest URL of a record page with images the public may see, else ""."""
    if not isinstance(page, iiif.MANIFEST_TYPES):
        return ""
    # One query for all the record's images (not fixed_sizes per image), so a
    # page with 50 images costs what a page with 3 costs (tests/pages/test_query_counts).
    image_ids = [image.pk for image, _label in iiif.record_images(page)]
    # The manifest leaves out images in private collections, so a record whose
    # images are all private gets neither the viewer nor the manifest link.
    visible = visible_files(ArchiveImage.objects.filter(pk__in=image_ids), context.get("request"))
    servable = ArchiveRendition.objects.filter(image__in=visible, filter_spec__in=iiif.SIZE_SPECS)
    if not image_ids or not servable.exists():
        return ""
    return reverse("iiif_manifest", args=[page.pk])
