"""What every search backend is: a name and an answer to a SearchRequest.

Both backends read the same QueryPlan and shape their answer with
search.query's ``result_entry`` and ``format_facets``, so they answer alike.
"""


class SearchBackend:
    name = ""

    def search(self, request):
        """Answer a search.query.SearchRequest with a search.query.SearchResult."""
        raise NotImplementedError
