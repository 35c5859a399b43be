from django import template
from django.urls import reverse

from heritage_archive.interop import iiif

register = template.Library()


@register.simple_tag
def iiif_manifest_url(page):
    """The manifest URL of a record page with servable images, else ""."""
    if not isinstance(page, iiif.MANIFEST_TYPES) or not iiif.manifest_images(page):
        return ""
    return reverse("iiif_manifest", args=[page.pk])
