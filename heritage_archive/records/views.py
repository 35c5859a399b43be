from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from taggit.models import Tag
from wagtail.models import Page, get_page_models

from heritage_archive.core.visibility import visible_pages
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


def record_view(request, kind, key):
    """A permanent link by key: /record/heritage/Ⅴ-3/ (any spelling of the number)."""
    model = _record_model(kind)
    if model is None:
        raise Http404
    page = with_key(visible_pages(model.objects.all()), key).first()
    if page is None:
        raise Http404
    return _redirect_to_page(request, page)


def record_page_view(request, page_id):
    """A permanent link by page id, for record types without a key."""
    page = visible_pages(Page.objects.all()).filter(pk=page_id).first()
    if page is None:
        raise Http404
    return _redirect_to_page(request, page)
