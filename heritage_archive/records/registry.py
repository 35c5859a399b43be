"""Which pages are records: one registry, built from the page models themselves.

A page model that is a record declares ``record_type = RecordType(...)`` in
its own class body (as a model declares its ``search_fields`` for Wagtail's
index). Search, OAI-PMH, permanent links and citations read this registry;
none of them names the record classes, and core knows none of them.
"""

from dataclasses import dataclass, field, replace
from functools import cache

from wagtail.models import get_page_models

from heritage_archive.core.text import fold_project_number


@dataclass(frozen=True)
class RecordType:
    """What a record type is called and which ways out it takes."""

    name: str  # in search results (type facet), OAI identifiers and /record/<name>/<key>/
    label: str  # the reader's name for it, in the type facet
    keyed: bool = False  # has a stable key: permanent links and search ids use it
    harvest_label: str = ""  # the OAI-PMH set name; empty: not published through OAI-PMH
    position: int = 0  # order in listings and facets
    model: type = field(default=None, compare=False)

    @property
    def harvested(self):
        return bool(self.harvest_label)


@cache
def _registry():
    declared = [
        replace(model.__dict__["record_type"], model=model)
        for model in get_page_models()
        if isinstance(model.__dict__.get("record_type"), RecordType)
    ]
    declared.sort(key=lambda record_type: (record_type.position, record_type.name))
    names = [record_type.name for record_type in declared]
    if len(names) != len(set(names)):
        raise ValueError(f"Two page models declare the same record type: {names}")
    return {record_type.name: record_type for record_type in declared}


def record_types():
    """Every record type, in order."""
    return list(_registry().values())


def harvested_record_types():
    return [record_type for record_type in record_types() if record_type.harvested]


def record_type_named(name):
    """The record type called ``name``, or None."""
    return _registry().get(name)


def record_type_of(page_or_model):
    """The record type of a page (specific or not) or a page model, or None."""
    model = page_or_model if isinstance(page_or_model, type) else type(page_or_model)
    specific_class = getattr(page_or_model, "specific_class", None)
    if not isinstance(page_or_model, type) and specific_class is not None:
        model = specific_class
    for record_type in _registry().values():
        if record_type.model is model:
            return record_type
    return None


def record_models(record_types_=None):
    return [record_type.model for record_type in (record_types_ or record_types())]


def with_key(queryset, key):
    """The records of ``queryset`` whose key is ``key``: any spelling of a project number
    for a model that keeps a folded key (``key_folded``), else the key as written."""
    if any(field.name == "key_folded" for field in queryset.model._meta.get_fields()):
        return queryset.filter(key_folded=fold_project_number(key))
    return queryset.filter(key=key.strip())
