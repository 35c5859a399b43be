"""What a search is, whichever backend answers it: the request, its plan, the result.

A request is parsed and validated once into a SearchRequest; both backends
read the same QueryPlan, made from core.text, so they match the same records,
and shape their answer with ``result_entry`` and ``format_facets`` into a
SearchResult. The backends import this module; search.service chooses one.
"""

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.translation import gettext as _

from heritage_archive.core.text import (
    CJK_RUN_RE,
    fold_project_number,
    looks_like_project_number,
    normalize,
    pinyin_readings,
    query_tokens,
    run_syllables,
)
from search.documents import FACET_NAMES, facet_label

SORTS = ("relevance", "newest", "oldest", "title")
MAX_QUERY_LENGTH = 200
MAX_FACET_VALUES = 20
MAX_FACET_VALUE_LENGTH = 100
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
EXPORT_LIMIT = 10_000
# Deep pages cost the engine a sort of everything before them; past this a
# reader gets an empty page rather than a slow one.
MAX_RESULT_WINDOW = 10_000


class SearchRequestError(ValueError):
    """A parameter that cannot be answered; the message is shown to the reader."""


@dataclass
class SearchRequest:
    q: str = ""
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    @classmethod
    def from_params(cls, params):
        """Parse GET parameters (a QueryDict); raise SearchRequestError on bad ones."""
        q = normalize_query_text(params.get("q", ""))
        sort = params.get("sort") or "relevance"
        if sort not in SORTS:
            raise SearchRequestError(
                _("排序方式“%(sort)s”无效，可选：relevance、newest、oldest、title。")
                % {"sort": sort[:50]}
            )
        page = _parse_int(params.get("page"), 1, "page")
        if page < 1:
            raise SearchRequestError(_("page 必须是不小于 1 的整数。"))
        page_size = _parse_int(params.get("page_size"), DEFAULT_PAGE_SIZE, "page_size")
        if not 1 <= page_size <= MAX_PAGE_SIZE:
            raise SearchRequestError(
                _("page_size 必须在 1 到 %(max)s 之间。") % {"max": MAX_PAGE_SIZE}
            )
        filters = {}
        for facet in FACET_NAMES:
            values = []
            for value in params.getlist(facet) if hasattr(params, "getlist") else []:
                value = normalize_query_text(value)[:MAX_FACET_VALUE_LENGTH].strip()
                if value and value not in values:
                    values.append(value)
            if values:
                filters[facet] = values[:MAX_FACET_VALUES]
        return cls(q=q, filters=filters, sort=sort, page=page, page_size=page_size)

    @property
    def offset(self):
        return (self.page - 1) * self.page_size

    @property
    def effective_sort(self):
        """With no query there is no relevance to rank by: browse newest first."""
        if self.sort == "relevance" and not self.q:
            return "newest"
        return self.sort

    def plan(self):
        return QueryPlan.from_text(self.q)

    def year_filter_values(self):
        """Selected years that are numbers; anything else can match nothing."""
        return year_values(self.filters.get("year", []))


def _is_int(value):
    # ASCII digits only: str.isdigit() also takes "²", which int() refuses.
    return bool(re.fullmatch(r"-?[0-9]{1,6}", str(value)))


def year_values(values):
    """The values that are years, as integers; the one parser both backends use."""
    return [int(value) for value in values if _is_int(value)]


def _parse_int(value, default, name):
    if value in (None, ""):
        return default
    if not re.fullmatch(r"\s*-?\d{1,12}\s*", value):
        raise SearchRequestError(_("%(name)s 必须是整数。") % {"name": name})
    return int(value)


def normalize_query_text(text):
    """Drop control characters and bound the length; the text stays what the reader typed."""
    text = re.sub(r"[\x00-\x1f\x7f]", " ", str(text or ""))
    return text[:MAX_QUERY_LENGTH].strip()


@dataclass(frozen=True)
class QueryPlan:
    """What a query must match, for both backends.

    A record matches when it has every text token, or every token of one
    of the query's pinyin readings (core.text.pinyin_readings: syllable
    pairs, initials pairs and the text tokens of the characters typed with
    them), or the query is its project number.
    """

    text: str
    tokens: tuple
    readings: tuple
    project_number: str
    exact_title: str

    @classmethod
    def from_text(cls, text):
        tokens = tuple(query_tokens(text))
        project_number = fold_project_number(text) if looks_like_project_number(text) else ""
        return cls(
            text=text,
            tokens=tokens,
            readings=pinyin_readings(text),
            project_number=project_number,
            exact_title=normalize(text).strip(),
        )

    @property
    def is_empty(self):
        return not self.text

    @property
    def can_match(self):
        return bool(self.tokens or self.readings or self.project_number)

    @property
    def pinyin_sequences(self):
        """What highlighting looks for in the text, over every reading."""
        return tuple(
            dict.fromkeys(sequence for reading in self.readings for sequence in reading.sequences)
        )


@dataclass
class SearchResult:
    request: SearchRequest
    backend: str
    total: int
    results: list
    facets: dict
    fallback: bool = False

    def as_json(self, root=""):
        """The API's answer; ``root`` (the site's address) makes each result's URL absolute.

        The index stores paths, so a change of the site's address needs no
        reindex; what leaves the site through the API must open off it.
        """
        return {
            "query": self.request.q,
            "backend": self.backend,
            "total": self.total,
            "page": self.request.page,
            "page_size": self.request.page_size,
            "results": [{**entry, "url": rooted_url(entry["url"], root)} for entry in self.results],
            "facets": self.facets,
        }


def format_facets(request, counts):
    """Facet values as the API lists them: every value with hits, and every selected one.

    ``counts`` maps a facet name to {value: count}. Order: count descending,
    then value, so both backends list them alike.
    """
    facets = {}
    for facet in FACET_NAMES:
        facet_counts = {value: count for value, count in counts.get(facet, {}).items() if count}
        selected = request.filters.get(facet, [])
        selected_keys = set(selected)
        entries = {
            str(value): (value, count) for value, count in facet_counts.items() if value != ""
        }
        for value in selected:
            if value not in entries:
                entries[value] = (int(value) if facet == "year" and _is_int(value) else value, 0)
        facets[facet] = [
            {
                "value": value,
                "label": facet_label(facet, value),
                "count": count,
                "selected": key in selected_keys,
            }
            for key, (value, count) in sorted(
                entries.items(), key=lambda item: (-item[1][1], item[0])
            )
        ]
    return facets


# The stored fields result_entry reads, fetched by both backends; the token
# fields stay out of the response.
RESULT_FIELDS = (
    "record_id",
    "type",
    "key",
    "page_id",
    "title",
    "url",
    "summary",
    "category",
    "level",
    "year",
    "region",
)


def rooted_url(url, root):
    """A stored path (``/feiyi/…``) under the site's address; anything else unchanged."""
    return root + url if root and url.startswith("/") else url


def result_entry(record, plan):
    """One result as the API shows it, with highlights built from the stored text."""
    return {
        "id": record["record_id"],
        "type": record["type"],
        "key": record.get("key") or "",
        "title": record.get("title") or "",
        "url": record.get("url") or "",
        "summary": record.get("summary") or "",
        "highlight": {
            "title": highlight(record.get("title") or "", plan),
            "text": highlight_fragments(record.get("summary") or "", plan),
        },
        "category": record.get("category") or "",
        "level": record.get("level") or "",
        "year": record.get("year"),
        "region": record.get("region") or "",
        "page_id": record.get("page_id"),
    }


# Highlighting folds text one character at a time; the same few thousand
# characters recur in every result.
_normalize_char = lru_cache(maxsize=16384)(normalize)


def _normalized_with_offsets(text):
    """The normalised text and, for each of its characters, the index in ``text``."""
    chars, offsets = [], []
    for index, char in enumerate(text):
        folded = _normalize_char(char)
        chars.append(folded)
        offsets.extend([index] * len(folded))
    return "".join(chars), offsets


_run_syllables = lru_cache(maxsize=4096)(run_syllables)


def _unit_fits(unit, char, syllable):
    kind, value = unit
    if kind == "c":
        return char == value
    if kind == "s":
        return syllable == value
    return bool(syllable) and syllable[0] == value


def _pinyin_spans(normalized, offsets, plan):
    """Spans of the characters a pinyin reading matched: each neighbouring pair of its units.

    The same pairs the index asked for (kuai'ban, kb, 次+kuai), read off the
    original text's characters, so kb marks 快板 and not the letters typed.
    """
    sequences = plan.pinyin_sequences
    if not sequences:
        return []
    syllables = [""] * len(normalized)
    for match in CJK_RUN_RE.finditer(normalized):
        for index, syllable in enumerate(_run_syllables(match.group())):
            syllables[match.start() + index] = syllable
    windows = {
        window
        for sequence in sequences
        for window in (
            [sequence] if len(sequence) == 1 else zip(sequence, sequence[1:], strict=False)
        )
    }
    spans = []
    for window in windows:
        width = len(window)
        for start in range(len(normalized) - width + 1):
            if all(
                _unit_fits(unit, normalized[start + k], syllables[start + k])
                for k, unit in enumerate(window)
            ):
                spans.append((offsets[start], offsets[start + width - 1] + 1))
    return spans


def _match_spans(text, plan):
    if not text or not (plan.tokens or plan.readings):
        return []
    normalized, offsets = _normalized_with_offsets(text)
    spans = _pinyin_spans(normalized, offsets, plan)
    for token in plan.tokens:
        start = normalized.find(token)
        while start != -1:
            end = start + len(token)
            spans.append((offsets[start], offsets[end - 1] + 1))
            start = normalized.find(token, start + 1)
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _marked(text, spans):
    parts, position = [], 0
    for start, end in spans:
        parts.append(html.escape(text[position:start]))
        parts.append(f"<mark>{html.escape(text[start:end])}</mark>")
        position = end
    parts.append(html.escape(text[position:]))
    return "".join(parts)


def highlight(text, plan):
    """``text`` HTML-escaped with every matched token wrapped in <mark>."""
    return _marked(text or "", _match_spans(text or "", plan))


def highlight_fragments(text, plan, *, size=40, limit=3):
    """Up to ``limit`` escaped fragments of ``text`` around its matches."""
    spans = _match_spans(text or "", plan)
    fragments = []
    covered_until = -1
    for start, end in spans:
        if start < covered_until:
            continue
        fragment_start = max(0, start - size // 2)
        fragment_end = min(len(text), end + size // 2)
        inner = [(s - fragment_start, e - fragment_start) for s, e in spans
                 if s >= fragment_start and e <= fragment_end]  # fmt: skip
        snippet = _marked(text[fragment_start:fragment_end], inner)
        prefix = "…" if fragment_start > 0 else ""
        suffix = "…" if fragment_end < len(text) else ""
        fragments.append(f"{prefix}{snippet}{suffix}")
        covered_until = fragment_end
        if len(fragments) == limit:
            break
    return fragments
