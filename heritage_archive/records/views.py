from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from taggit.models import Tag
from wagtail.models import Page, get_page_models

from heritage_archive.core.visibility import visible_pages
from heritage_archive.records.citations import (
    bibtex_text,
    reference_for,
    ris_text,
    site_name_for,
)
from heritage_archive.records.registry import record_type_named, with_key


def taggable_page_models():
    """Page models that carry tags (through a ClusterTaggableManager named ``tags``)."""
    return [model for model in get_page_models() if hasattr(model, "tagged_items")]


def tag_view(request, tag):
    """Every published page with a tag; the URL carries the tag name itself (Chinese)."""
    tag_object = Tag.objects.filter(name=tag).first() or Tag.objects.filter(slug=tag).first()
    if tag_object is None:
        raise Http404
    pages = []
    for model in taggable_page_models():
        pages.extend(
            visible_pages(model.objects.all()).filter(tagged_items__tag=tag_object).specific()
        )
    pages.sort(
        key=lambda page: page.first_published_at or page.latest_revision_created_at, reverse=True
    )
    paginator = Paginator(pages, 20)
    page_obj = paginator.get_page(request.GET.get("page"))
    return TemplateResponse(
        request, "core/tag.html", {"tag": tag_object, "page_obj": page_obj, "pages": page_obj}
    )


def _record_model(kind):
    """The page model of a record type with permanent keys, or None."""
    record_type = record_type_named(kind)
    return record_type.model if record_type is not None and record_type.keyed else None


def _redirect_to_page(request, page):
    url = page.get_url(request)
    if not url:
        raise Http404
    # 302, not 301: the target moves when editors rename or move the page,
    # and a browser must not remember an old target for a permanent link.
    return redirect(url)


def _visible_record(request, kind, key):
    """The visible record of a keyed type by any spelling of its key, else 404."""
    model = _record_model(kind)
    if model is None:
        raise Http404
    page = with_key(visible_pages(model.objects.all(), request), key).first()
    if page is None:
        raise Http404
    return page


def record_view(request, kind, key):
    """A permanent link by key: /record/heritage/Ⅴ-3/ (any spelling of the number)."""
    return _redirect_to_page(request, _visible_record(request, kind, key))


# Format: (writer, content type, file extension). The content types are the
# ones reference managers register for: a browser hands the file to Zotero,
# EndNote or JabRef instead of showing it.
CITATION_FORMATS = {
    "ris": (ris_text, "application/x-research-info-systems; charset=utf-8", "ris"),
    "bib": (bibtex_text, "application/x-bibtex; charset=utf-8", "bib"),
}


def record_citation_view(request, kind, key, fmt):
    """/record/heritage/Ⅴ-3/cite.ris or cite.bib: the record for a reference manager."""
    page = _visible_record(request, kind, key)
    write, content_type, extension = CITATION_FORMATS[fmt]
    reference = reference_for(
        page, request, author=site_name_for(request), keywords=page.tags.names()
    )
    response = HttpResponse(write(reference), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{reference.citation_key}.{extension}"
    )
    return response


def record_page_view(request, page_id):
    """A permanent link by page id, for record types without a key."""
    page = visible_pages(Page.objects.all()).filter(pk=page_id).first()
    if page is None:
        raise Http404
    return _redirect_to_page(request, page)
