"""The thumbnail of each result on the search page, for a whole page of results at once.

The search document holds no image: an image's visibility can change (its
collection made private) without its record being indexed again. Instead the
images a page of results shows are read from Wagtail's reference index, the
same index ``core.visibility.visible_files`` trusts, in three queries however
many results there are: the references, the visible images, their renditions.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

from heritage_archive.core.templatetags.archive_tags import rendition_prefetch
from heritage_archive.core.visibility import visible_files

# A record's own picture comes before its gallery, the gallery before an
# image somewhere in its body.
_FIELD_RANK = {"portrait": 0, "cover_image": 0, "image": 0}


def _rank(reference):
    model_path, content_path = reference["model_path"], reference["content_path"]
    if model_path in _FIELD_RANK:
        return (_FIELD_RANK[model_path], 0)
    parts = content_path.split(".")
    if model_path.startswith("gallery_images.") and len(parts) > 1 and parts[1].isdigit():
        # Gallery rows are made in their order: the lowest id is the first picture.
        return (1, int(parts[1]))
    return (2, 0)


def result_images(page_ids, request=None):
    """{page id: image} for the pages given, each with its first public image (with renditions)."""
    page_ids = [page_id for page_id in page_ids if page_id]
    if not page_ids:
        return {}
    image_model = get_image_model()
    references = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(page_id) for page_id in page_ids],
        to_content_type=ContentType.objects.get_for_model(image_model),
    ).values("object_id", "to_object_id", "model_path", "content_path")
    candidates = {}
    for reference in sorted(references, key=_rank):
        candidates.setdefault(int(reference["object_id"]), []).append(
            int(reference["to_object_id"])
        )
    wanted = {image_id for ids in candidates.values() for image_id in ids}
    if not wanted:
        return {}
    images = {
        image.pk: image
        for image in visible_files(
            image_model.objects.filter(pk__in=wanted), request
        ).prefetch_related(rendition_prefetch("renditions"))
    }
    found = {}
    for page_id, image_ids in candidates.items():
        image = next((images[i] for i in image_ids if i in images), None)
        if image is not None:
            found[page_id] = image
    return found
