"""Autocomplete for the relations between records, so no edit form lists every record.

A <select> of every heritage item was 1.5 MB of HTML at 10,000 items. The
record pages' many-to-many fields use wagtail-autocomplete's panel instead,
which asks the admin endpoint for a few matches as the curator types; this
module is what that endpoint searches: a record by its title or its key
(项目编号 in any spelling), so a curator can type either.
"""

import json

from django.db.models import Q
from wagtailautocomplete.edit_handlers import AutocompletePanel
from wagtailautocomplete.widgets import Autocomplete

from heritage_archive.core.text import fold_project_number, normalize

# What the widget hands the form field for a value it cannot read, so the
# field refuses it with its own (translated) "not a valid value" message.
UNREADABLE = "?"


class RecordAutocomplete(Autocomplete):
    def value_from_datadict(self, data, files, name):
        # The widget posts JSON: null, {"pk": …} or a list of them. The
        # library's own reader raises on anything else (a 500) or reads it as
        # "no relations" (the relations lost); here the field refuses it.
        raw = data.get(name)
        if not raw:
            return None
        try:
            value = json.loads(raw)
        except ValueError:
            value = UNREADABLE
        if value is None:
            return None
        if self.is_single and isinstance(value, dict) and "pk" in value:
            return value["pk"]
        if (
            not self.is_single
            and isinstance(value, list)
            and all(isinstance(entry, dict) and "pk" in entry for entry in value)
        ):
            return [entry["pk"] for entry in value]
        return UNREADABLE if self.is_single else [UNREADABLE]


class RecordAutocompletePanel(AutocompletePanel):
    def widget_overrides(self):
        widget = super().widget_overrides()[self.field_name]
        return {
            self.field_name: RecordAutocomplete(
                target_model=widget.target_model,
                can_create=widget.can_create,
                is_single=widget.is_single,
            )
        }


def record_panel(field_name, **kwargs):
    """The panel of a relation to other records: an autocomplete, never a full list."""
    return RecordAutocompletePanel(field_name, **kwargs)


def matching_records(model, search_query):
    """The records of ``model`` whose title or key contains what the curator typed."""
    text = (search_query or "").strip()[:100]
    if not text:
        return model.objects.none()
    condition = Q(title__icontains=text)
    simplified = normalize(text)
    if simplified and simplified != text:
        condition |= Q(title__icontains=simplified)
    if any(field.name == "key_folded" for field in model._meta.fields):
        condition |= Q(key_folded__icontains=fold_project_number(text))
    elif any(field.name == "key" for field in model._meta.fields):
        condition |= Q(key__icontains=text)
    return model.objects.filter(condition).order_by("title")


class RecordAutocompleteMixin:
    """What wagtail-autocomplete calls on a record model to answer a query."""

    @classmethod
    def autocomplete_custom_queryset_filter(cls, search_query, request=None):
        return matching_records(cls, search_query)


# The endpoint answers for the record models only: wagtail-autocomplete's own
# admin endpoint takes any model label, and titles of other models are not
# what a relation between records needs to show.
MAX_SUGGESTIONS = 50


def _record_model(label):
    from django.apps import apps

    try:
        model = apps.get_model(label or "")
    except (LookupError, ValueError):
        return None
    return model if issubclass(model, RecordAutocompleteMixin) else None


def _restricted(view):
    from functools import wraps

    from django.http import HttpResponseBadRequest
    from django.utils.translation import gettext as _

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        params = request.POST if request.method == "POST" else request.GET
        if _record_model(params.get("type")) is None:
            return HttpResponseBadRequest(_("只能检索档案记录。"))
        if request.method == "POST":
            params = params.copy()
            try:
                limit = int(params.get("limit", MAX_SUGGESTIONS))
            except ValueError:
                return HttpResponseBadRequest(_("limit 必须是整数。"))
            params["limit"] = str(max(1, min(limit, MAX_SUGGESTIONS)))
            request.POST = params
        return view(request, *args, **kwargs)

    return wrapper


def admin_urlpatterns():
    """The admin endpoints the widget calls (under /admin/autocomplete/), records only."""
    from django.urls import path
    from wagtail.admin.auth import require_admin_access
    from wagtailautocomplete.views import objects, search

    return [
        path("objects/", require_admin_access(_restricted(objects)), {"public": False}),
        path("search/", require_admin_access(_restricted(search)), {"public": False}),
    ]
