"""Thin views for OAI-PMH and IIIF; the protocols live in oai.py and iiif.py."""

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from heritage_archive.core.addresses import absolute_url
from heritage_archive.core.visibility import visible_files, visible_pages
from heritage_archive.media.images.models import ArchiveImage

from . import iiif
from .oai import OaiProvider


@csrf_exempt  # OAI-PMH allows POST from harvesters, which carry no CSRF token
@require_http_methods(["GET", "HEAD", "POST"])
def oai_pmh(request):
    params = request.POST if request.method == "POST" else request.GET
    pairs = [(name, value) for name, values in params.lists() for value in values]
    base_url = absolute_url(reverse("oai_pmh"), request)
    xml = OaiProvider().handle(base_url, pairs)
    return HttpResponse(xml, content_type="text/xml; charset=utf-8")


def with_cors(response):
    # IIIF viewers on other sites fetch these documents with XHR.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def manifest_page(request, page_id):
    """The record page a manifest describes; 404 unless the public may see it."""
    page = visible_pages(Page.objects.all(), request).filter(pk=page_id).first()
    page = page.specific if page is not None else None
    if not isinstance(page, iiif.MANIFEST_TYPES):
        raise Http404("No such record")
    return page


def iiif_manifest(request, page_id):
    page = manifest_page(request, page_id)
    manifest = iiif.build_manifest(request, page)
    if manifest is None:
        raise Http404("This record has no images")
    response = JsonResponse(manifest, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = (
        'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
    )
    return with_cors(response)


@xframe_options_sameorigin  # record pages frame it (includes/iiif_link.html)
def iiif_viewer(request, page_id):
    """Mirador on the record's manifest, a page of its own that record pages put in a frame.

    A page of its own because Mirador's styling library (emotion) writes
    <style> elements, which the site's policy (style-src 'self') refuses:
    only this page, which shows nothing but the viewer, allows inline styles.
    """
    page = manifest_page(request, page_id)
    if not iiif.manifest_images(page, request):
        raise Http404("This record has no images")
    response = render(
        request,
        "interop/iiif_viewer.html",
        {"page": page, "manifest_url": reverse("iiif_manifest", args=[page.pk])},
    )
    response["Content-Security-Policy"] = settings.IIIF_VIEWER_CONTENT_SECURITY_POLICY
    return response


def served_image(request, image_id):
    """The image and its sizes; 404 unless the public may see it and a size exists.

    The same rule as /api/v2/images/: an image only a draft or a private
    page uses, or one in a private collection, does not exist to the public.
    """
    image = visible_files(ArchiveImage.objects.filter(pk=image_id), request).first()
    sizes = iiif.fixed_sizes(image) if image is not None else []
    if not sizes:
        raise Http404("No such image")
    return image, sizes


def iiif_image_base(request, image_id):
    served_image(request, image_id)
    return with_cors(redirect("iiif_image_info", image_id=image_id))


def iiif_image_info(request, image_id):
    image, sizes = served_image(request, image_id)
    response = JsonResponse(iiif.image_info(request, image, sizes))
    response["Content-Type"] = (
        'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'
    )
    return with_cors(response)


def iiif_image(request, image_id, region, size, rotation, quality, image_format):
    """A pre-made size, served from its rendition file; anything else is refused."""
    image, sizes = served_image(request, image_id)
    if region != "full" or rotation != "0" or quality != "default":
        return with_cors(HttpResponseBadRequest("仅支持 full/…/0/default（IIIF level 0）。"))
    chosen = iiif.find_size(sizes, size)
    if chosen is None or chosen.format != image_format:
        raise Http404("This size or format is not offered; see info.json")
    response = FileResponse(
        chosen.rendition.file.open("rb"), content_type=iiif.FORMATS[image_format]
    )
    return with_cors(response)
