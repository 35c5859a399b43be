from django import template
from django.urls import reverse

from heritage_archive.interop import iiif
from heritage_archive.media.images.models import ArchiveRendition

register = template.Library()


@register.simple_tag
def iiif_manifest_url(page):
    """The manifest URL of a record page with servable images, else ""."""
    if not isinstance(page, iiif.MANIFEST_TYPES):
        return ""
    # One query for all the record's images (not fixed_sizes per image), so a
    # page with 50 images costs what a page with 3 costs (tests/pages/test_query_counts).
    image_ids = [image.pk for image, _label in iiif.record_images(page)]
    servable = ArchiveRendition.objects.filter(
        image_id__in=image_ids, filter_spec__in=iiif.SIZE_SPECS
    )
    if not image_ids or not servable.exists():
        return ""
    return reverse("iiif_manifest", args=[page.pk])
