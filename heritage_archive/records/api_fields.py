"""Serializer fields for the domain data the API v2 exposes (see the models' api_fields).

Related records are listed only while live and public, so a draft or
private page never leaks through a relation of a published one.
"""

from rest_framework import serializers

from heritage_archive.core.addresses import page_url
from heritage_archive.core.visibility import visible_pages


class RelatedRecordsField(serializers.Field):
    """A many-to-many of record pages as ``[{id, title, key, url}]``, live and public only.

    ``url`` is absolute: API clients read it away from the site."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, manager):
        pages = visible_pages(manager.all()).order_by("pk")
        request = self.context.get("request")
        return [
            {
                "id": page.pk,
                "title": page.title,
                "key": getattr(page, "key", ""),
                "url": page_url(page, request),
            }
            for page in pages
        ]


class TagNamesField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, manager):
        return sorted(tag.name for tag in manager.all())


class ListingsField(serializers.Field):
    """Child rows (listings, designations) as dicts of the named fields, in order."""

    def __init__(self, field_names, **kwargs):
        self.field_names = field_names
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, manager):
        return [{name: getattr(row, name) for name in self.field_names} for row in manager.all()]


def region_field():
    return serializers.CharField(source="region.name", allow_null=True, read_only=True)
