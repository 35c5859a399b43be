"""Wagtail's database search backend, taught to find Chinese words in running text.

Wagtail (modelsearch) splits text on spaces and punctuation, so a run of
Chinese characters is one token and 京剧 is not found in 少儿京剧训练班. Pages
index ``search_text`` (the unigrams, bigrams and pinyin of core.text), and
this backend turns every query into the same tokens, all of which must match.
It serves the admin's page and record search on SQLite and PostgreSQL alike.
"""

from django.db import connection

from heritage_archive.core.text import query_tokens


class ChineseQueryMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        if isinstance(query, str):
            tokens = query_tokens(query)
            query = " ".join(tokens)
            if len(tokens) > 1:
                kwargs["operator"] = "and"
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


def SearchBackend(params):  # noqa: N802 - the name Wagtail's backend loader looks for
    """Pick the vendor's database backend, as modelsearch does, with Chinese queries."""
    from modelsearch.backends import database

    vendor_backend = database.SearchBackend(params)
    backend_class = type(
        f"Chinese{type(vendor_backend).__name__}",
        (ChineseQueryMixin, type(vendor_backend)),
        {},
    )
    params = {**params, "SEARCH_CONFIG": params.get("SEARCH_CONFIG", "simple")}
    if connection.vendor != "postgresql":
        params.pop("SEARCH_CONFIG")
    return backend_class(params)
