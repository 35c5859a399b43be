"""Chinese text normalisation: one module for search, import, interop and the admin search.

Chinese readers type simplified, traditional, pinyin or pinyin initials, and
a run of Chinese characters has no spaces between words. Rather than rely on
an analysis plugin, every backend indexes and queries the tokens made here:

- ``normalize``: NFKC width folding, traditional -> simplified (OpenCC),
  lower case, control characters removed.
- ``index_tokens``: CJK unigrams and bigrams plus Latin/digit words, so one-,
  two- and longer-character queries all find running text.
- ``query_tokens``: the tokens a query must all match (bigrams for a CJK run
  of two or more characters, the character itself for a single one).
- ``pinyin_tokens``: every contiguous run of full pinyin syllables and of
  initials of a title or name, so ``kuaiban`` and ``kb`` find 快板.
- ``fold_project_number``: Ⅱ-28, II-28, ii－28 and 2-28 are the same number.

Elasticsearch indexes these tokens with the core ``whitespace`` analyzer and
the database backend stores the same strings, so both answer alike.
"""

import re
import unicodedata
from functools import lru_cache

import opencc
from django.utils.text import slugify
from pypinyin import Style, lazy_pinyin

_converter = opencc.OpenCC("t2s")

# CJK Unified Ideographs with extension A and the compatibility block.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN_RE = re.compile(rf"[{_CJK}]+|[a-z0-9]+")
_CJK_RUN_RE = re.compile(rf"[{_CJK}]+")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202f\ufeff]")
_ROMAN_NUMERALS = {
    "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5,
    "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
}  # fmt: skip
_DASHES_RE = re.compile(r"[\-‐‑‒–—―−﹣－_/\s]+")

# Pinyin runs are bounded so a long name cannot blow up the index.
MAX_PINYIN_SYLLABLES = 16


def normalize(text):
    """Fold width, traditional characters and case; drop control characters."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", str(text))
    text = _CONTROL_RE.sub(" ", text)
    return _to_simplified(text).lower()


@lru_cache(maxsize=4096)
def _to_simplified(text):
    return _converter.convert(text)


def _cjk_ngrams(run, *, unigrams):
    if len(run) == 1:
        return [run]
    bigrams = [run[i : i + 2] for i in range(len(run) - 1)]
    return [*run, *bigrams] if unigrams else bigrams


def index_tokens(text):
    """Tokens to index for ``text``: CJK unigrams and bigrams, Latin and digit words."""
    tokens = []
    for match in _TOKEN_RE.finditer(normalize(text)):
        word = match.group()
        if _CJK_RUN_RE.fullmatch(word):
            tokens.extend(_cjk_ngrams(word, unigrams=True))
        else:
            tokens.append(word)
    return tokens


def query_tokens(query):
    """Tokens that a record must all contain to match ``query``.

    A CJK run of two or more characters becomes its bigrams, so 京剧团 needs
    京剧 and 剧团 next to each other somewhere in the record; a single
    character matches the unigram. A project number also yields its folded form.
    """
    tokens = []
    normalized = normalize(query)
    for match in _TOKEN_RE.finditer(normalized):
        word = match.group()
        if _CJK_RUN_RE.fullmatch(word):
            tokens.extend(_cjk_ngrams(word, unigrams=False))
        else:
            tokens.append(word)
    return list(dict.fromkeys(tokens))


def index_text(text):
    """``index_tokens`` as one space-separated string, for storage."""
    return " ".join(index_tokens(text))


def pinyin_tokens(text):
    """Contiguous runs of full pinyin syllables and of initials in ``text``."""
    tokens = []
    for run in _CJK_RUN_RE.findall(normalize(text)):
        syllables = lazy_pinyin(run[:MAX_PINYIN_SYLLABLES])
        initials = lazy_pinyin(run[:MAX_PINYIN_SYLLABLES], style=Style.FIRST_LETTER)
        for start in range(len(syllables)):
            for end in range(start + 1, len(syllables) + 1):
                tokens.append("".join(syllables[start:end]))
                if end - start >= 2:
                    tokens.append("".join(initials[start:end]))
    return list(dict.fromkeys(tokens))


def pinyin_sort_key(text):
    """A sort key that orders Chinese titles by pinyin, as readers expect."""
    return " ".join(lazy_pinyin(normalize(text)))


def fold_project_number(number):
    """The canonical form of a project number: Ⅱ-28, II-28 and ii－28 give 2-28.

    Each dash-separated part that is a Roman numeral I-X becomes its Arabic
    number; other parts (安次, a trailing sequence number) keep their text.
    Returns "" for empty input.
    """
    text = unicodedata.normalize("NFKC", str(number or "")).strip().upper()
    parts = [part for part in _DASHES_RE.split(text) if part]
    folded = [str(_ROMAN_NUMERALS.get(part, part)) for part in parts]
    return _to_simplified("-".join(folded)).lower()


_PROJECT_NUMBER_RE = re.compile(
    r"^\s*(?:[^\s\-－]+[\-－])?[ⅰ-ⅿⅠ-ⅯivxIVX0-9]+\s*[\-－‐–—]\s*\d+\s*$"
)


def looks_like_project_number(query):
    """True for queries such as Ⅱ-28, II-28 or 安次-Ⅴ-3."""
    return bool(_PROJECT_NUMBER_RE.match(unicodedata.normalize("NFKC", query or "")))


MAX_SLUG_LENGTH = 60


def pinyin_slug(text):
    """An ASCII slug from the pinyin of a Chinese title, e.g. 安次快板 -> an-ci-kuai-ban.

    Used by the demo content and by every page created without a slug of its
    own, so that the admin's pages and the demo's read alike in URLs.
    """
    slug = slugify("-".join(lazy_pinyin(text)))
    return slug[:MAX_SLUG_LENGTH].strip("-") or "page"
