from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from taggit.models import Tag
from wagtail.models import get_page_models


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
        pages.extend(model.objects.live().public().filter(tagged_items__tag=tag_object).specific())
    pages.sort(
        key=lambda page: page.first_published_at or page.latest_revision_created_at, reverse=True
    )
    paginator = Paginator(pages, 20)
    page_obj = paginator.get_page(request.GET.get("page"))
    return TemplateResponse(
        request, "core/tag.html", {"tag": tag_object, "page_obj": page_obj, "pages": page_obj}
    )
