"""The Elasticsearch side of the search: a FacetedSearch over RecordDocument.

User text reaches Elasticsearch only as the tokens of core.text inside
``match`` and ``term`` queries, never as query_string syntax, so quotes,
Lucene operators and regular expressions are just characters.
"""

from elasticsearch.dsl import FacetedSearch, Q, TermsFacet
from elasticsearch.dsl.query import MatchNone

from search.documents import FACETS, RecordDocument
from search.models import SearchRecordToken
from search.query import RESULT_FIELDS, year_values


def stored_token(token):
    # Tokens longer than the whitespace tokenizer's 255 characters are cut, as indexed.
    return token[: SearchRecordToken.MAX_LENGTH]


# Large enough to list every value of a facet on this archive's data, so the
# counts equal the database backend's, which has no such limit.
FACET_SIZE = 1000


class YearFacet(TermsFacet):
    """Years are integers: a value that is not a number matches nothing instead of failing."""

    def add_filter(self, filter_values):
        if not filter_values:
            return None
        years = year_values(filter_values)
        return Q("terms", year=years) if years else MatchNone()


# A reading's token kinds, as RecordDocument's fields.
READING_FIELDS = {"text": "text", "pinyin": "pinyin", "initials": "initials"}


def reading_query(reading):
    """Every token of one pinyin reading (core.text.pinyin_readings), each in its field."""
    return Q(
        "bool",
        filter=[
            Q("term", **{READING_FIELDS[kind]: stored_token(token)})
            for kind, token in reading.tokens
        ],
    )


def text_query(plan):
    """The query for ``plan``: all tokens in the text, or the pinyin, or the project number."""
    if not plan.can_match:
        return MatchNone()
    alternatives = []
    if plan.tokens:
        alternatives.append(Q("match", text={"query": " ".join(plan.tokens), "operator": "and"}))
    for reading in plan.readings:
        alternatives.append(reading_query(reading))
    if plan.project_number:
        alternatives.append(Q("term", project_numbers=plan.project_number))
    matches = Q("bool", should=alternatives, minimum_should_match=1)
    boosts = [Q("term", title_exact={"value": plan.exact_title, "boost": 100})]
    if plan.tokens:
        boosts.append(
            Q("match", title_tokens={"query": " ".join(plan.tokens), "operator": "and", "boost": 5})
        )
    return Q("bool", must=[matches], should=boosts)


SORT_ORDERS = {
    "relevance": ["_score", {"published_at": "desc"}, "page_id"],
    "newest": [{"published_at": "desc"}, "page_id"],
    "oldest": [{"published_at": "asc"}, "page_id"],
    "title": ["title_sort", "page_id"],
}


class RecordFacetedSearch(FacetedSearch):
    doc_types = [RecordDocument]
    facets = {
        facet.name: (YearFacet if facet.numeric else TermsFacet)(field=facet.field, size=FACET_SIZE)
        for facet in FACETS
    }

    def __init__(self, request, *, index, using):
        self.index = index
        self.using = using
        self.plan = request.plan()
        super().__init__(
            query=request.q, filters=request.filters, sort=SORT_ORDERS[request.effective_sort]
        )

    def search(self):
        # track_total_hits: the exact total, not "10,000 or more".
        return super().search().extra(track_total_hits=True).source(list(RESULT_FIELDS))

    def request_bodies(self, start, size):
        """Two searches for one msearch: the page of hits, and the total with the facets.

        The hits search needs no exact total, so Elasticsearch may stop
        counting early; the facet search (size 0) visits every match for its
        aggregations anyway, so its exact total is nearly free, and a size-0
        search is what the shard request cache keeps until the next refresh.
        """
        full = self[start : start + size]._s.to_dict()
        hits = {name: value for name, value in full.items() if name != "aggs"}
        hits["track_total_hits"] = False
        facets = {name: full[name] for name in ("query", "post_filter", "aggs") if name in full}
        facets.update(size=0, track_total_hits=True)
        return hits, facets

    def query(self, search, query):
        if self.plan.is_empty:
            return search
        return search.query(text_query(self.plan))

    def facet_counts(self, response):
        """{facet: {value: count}} from the raw response body's filtered aggregations."""
        aggregations = response.get("aggregations", {})
        counts = {}
        for name in self.facets:
            buckets = aggregations.get("_filter_" + name, {}).get(name, {}).get("buckets", [])
            counts[name] = {bucket["key"]: bucket["doc_count"] for bucket in buckets}
        return counts
