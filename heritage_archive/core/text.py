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
- ``text_pinyin_tokens``: the syllables, syllable pairs (``kuai'ban``) and
  initials pairs (``kb``) of a text, which the search indexes; and
  ``pinyin_readings``: the same pairs asked of a query typed in pinyin with
  tone marks or numbers, any case or width, spaced, joined or mixed with
  characters, so ``kuàibǎn``, ``kuai4ban3``, ``安次kb`` find what 快板 finds.
- ``pinyin_tokens``: every contiguous run of full pinyin syllables and of
  initials of a title (the admin's search index).
- ``fold_project_number``: Ⅱ-28, II-28, ii－28 and 2-28 are the same number.

Elasticsearch indexes these tokens with the core ``whitespace`` analyzer and
the database backend stores the same strings, so both answer alike.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import opencc
from django.utils.text import slugify
from pypinyin import Style, lazy_pinyin

_converter = opencc.OpenCC("t2s")

# CJK Unified Ideographs with extension A and the compatibility block.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN_RE = re.compile(rf"[{_CJK}]+|[a-z0-9]+")
CJK_RUN_RE = re.compile(rf"[{_CJK}]+")
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
        if CJK_RUN_RE.fullmatch(word):
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
    normalized = fold_tone_marks(normalize(query))
    for match in _TOKEN_RE.finditer(normalized):
        word = match.group()
        if CJK_RUN_RE.fullmatch(word):
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
    for run in CJK_RUN_RE.findall(normalize(text)):
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


# --- Pinyin over the whole text, and pinyin queries in any spelling -------
#
# The index keeps, for every CJK run of a record's text, the pinyin
# counterpart of the character unigrams and bigrams: each syllable
# (``kuai``), each pair of neighbouring syllables (``kuai'ban``) and each
# pair of initials (``kb``). A pinyin query is cut into syllables and asks
# for the same pairs a character query asks for, so ``kuaiban`` finds what
# 快板 finds, in titles and running text alike, and the index grows by about
# one token per character pair instead of every run of a title.

# The separator pypinyin's own conventions use between syllables (xi'an):
# ``xi'an`` (西安) and ``xian`` (先) stay different tokens.
SYLLABLE_SEPARATOR = "'"
# A word of the query is cut into syllables in at most this many ways
# (xian: xian or xi'an), and a query has at most this many readings.
MAX_SEGMENTATIONS = 4
MAX_PINYIN_READINGS = 8
MAX_INITIALS_LENGTH = 8

_TONE_DIGITS_WORD_RE = re.compile(r"^(?:[a-z]+[0-5]?)+$")
_LATIN_WITH_MARKS_RE = re.compile(r"[\u00c0-\u024f\u1e00-\u1eff]")
_QUERY_TOKEN_RE = re.compile(rf"[{_CJK}]+|[a-z0-9]+")


def _strip_marks(char):
    """A Latin letter without its tone mark or accent; ü (and ǖǘǚǜ) become v, as typed."""
    if char in "üǖǘǚǜÜǕǗǙǛ":
        return "v"
    decomposed = unicodedata.normalize("NFD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def fold_tone_marks(text):
    """``kuàibǎn`` -> ``kuaiban``, ``lǜ`` or ``lü`` -> ``lv``; other characters unchanged."""
    text = text.replace("u:", "v")
    return _LATIN_WITH_MARKS_RE.sub(lambda match: _strip_marks(match.group()), text)


@lru_cache(maxsize=1)
def pinyin_syllables():
    """Every toneless syllable pypinyin knows, as lazy_pinyin spells it (lv, not lü).

    Interjections without a vowel (m, n, ng, hm) are left out: as parts of
    a typed word they only make false cuts (jia-n-zhi).
    """
    from pypinyin.pinyin_dict import pinyin_dict

    # About 1,500 toned spellings among 40,000 characters: fold each once.
    toned = {reading for readings in set(pinyin_dict.values()) for reading in readings.split(",")}
    syllables = {fold_tone_marks(reading) for reading in toned}
    return frozenset(
        syllable
        for syllable in syllables
        if re.fullmatch(r"[a-z]+", syllable) and re.search(r"[aeiouv]", syllable)
    )


def _segment_piece(piece, limit):
    """Up to ``limit`` ways to cut ``piece`` into syllables, fewest syllables first."""
    syllables = pinyin_syllables()
    longest = max(map(len, syllables))
    length = len(piece)
    # can_end[i]: piece[i:] can be cut at all, so the search never explores dead ends.
    can_end = [False] * length + [True]
    for start in range(length - 1, -1, -1):
        can_end[start] = any(
            can_end[end] and piece[start:end] in syllables
            for end in range(start + 1, min(length, start + longest) + 1)
        )
    if not can_end[0]:
        return []
    results = []

    def walk(start, path):
        if len(results) >= limit:
            return
        if start == length:
            results.append(tuple(path))
            return
        for end in range(min(length, start + longest), start, -1):
            if can_end[end] and piece[start:end] in syllables:
                walk(end, [*path, piece[start:end]])

    walk(0, [])
    return sorted(results, key=len)


def segment_pinyin(word):
    """The ways ``word`` (toneless, or with tone numbers: kuai4ban3) reads as syllables.

    Tone numbers mark where a syllable ends. Returns [] when ``word`` is not pinyin.
    """
    if not word or not _TONE_DIGITS_WORD_RE.fullmatch(word):
        return []
    pieces = [piece for piece in re.split(r"[0-5]", word) if piece]
    readings = [()]
    for piece in pieces:
        cuts = _segment_piece(piece, MAX_SEGMENTATIONS)
        if not cuts:
            return []
        readings = [(*reading, *cut) for reading in readings for cut in cuts]
        readings = readings[:MAX_SEGMENTATIONS]
    return readings


def run_syllables(run):
    """One toneless syllable per character of a CJK run (pypinyin reads words in context).

    A character pypinyin cannot read gets "", so positions stay aligned.
    """
    return lazy_pinyin(run, errors=lambda chars: [""] * len(chars))


def text_pinyin_tokens(text):
    """(syllables and syllable pairs, initials pairs) of every CJK run of ``text``."""
    syllable_tokens, initials_tokens = {}, {}
    for run in CJK_RUN_RE.findall(normalize(text)):
        syllables = run_syllables(run)
        for index, syllable in enumerate(syllables):
            if not syllable:
                continue
            syllable_tokens[syllable] = None
            following = syllables[index + 1] if index + 1 < len(syllables) else ""
            if following:
                syllable_tokens[f"{syllable}{SYLLABLE_SEPARATOR}{following}"] = None
                initials_tokens[syllable[0] + following[0]] = None
    return list(syllable_tokens), list(initials_tokens)


@dataclass(frozen=True)
class PinyinReading:
    """One way to read a query that has pinyin in it.

    ``tokens`` are (kind, token) pairs a record must all have, kind being
    "text", "pinyin" or "initials"; ``sequences`` are what highlighting looks
    for in the original text: runs of units ("c", 字), ("s", syllable) or
    ("i", initial letter), whose neighbouring pairs (or single unit) are marked.
    """

    tokens: tuple
    sequences: tuple


def _classify_word(word):
    """("pinyin", readings) | ("initials", letters) | ("word", None) for a Latin word."""
    readings = segment_pinyin(word)
    if readings:
        return "pinyin", readings
    if re.fullmatch(r"[a-z]+", word) and len(word) <= MAX_INITIALS_LENGTH:
        return "initials", tuple(word)
    return "word", None


def _query_items(query):
    """The query's CJK runs and Latin words, each with its kind and readings, in order."""
    text = fold_tone_marks(normalize(query))
    items = []
    for match in _QUERY_TOKEN_RE.finditer(text):
        value = match.group()
        if CJK_RUN_RE.fullmatch(value):
            items.append({"kind": "cjk", "value": value, "span": match.span()})
        else:
            kind, readings = _classify_word(value)
            items.append({"kind": kind, "value": value, "readings": readings, "span": match.span()})
    return text, items


def _is_one_unit(item):
    return (item["kind"] == "pinyin" and any(len(r) == 1 for r in item["readings"])) or (
        item["kind"] == "initials" and len(item["readings"]) == 1
    )


def _groups(text, items):
    """Items that read as one run: touching (安次kb), or single syllables typed apart (kuai ban)."""
    groups = []
    for item in items:
        if groups:
            previous = groups[-1][-1]
            touching = previous["span"][1] == item["span"][0]
            apart_syllables = (
                _is_one_unit(previous)
                and _is_one_unit(item)
                and not text[previous["span"][1] : item["span"][0]].strip()
            )
            if touching or apart_syllables:
                groups[-1].append(item)
                continue
        groups.append([item])
    return groups


def _group_readings(group):
    """Every (tokens, sequence) reading of one group, at most MAX_PINYIN_READINGS."""
    text_tokens = []
    for item in group:
        if item["kind"] == "cjk":
            text_tokens += [("text", token) for token in _cjk_ngrams(item["value"], unigrams=False)]
        elif item["kind"] == "word":
            text_tokens.append(("text", item["value"]))
    if not any(item["kind"] in ("pinyin", "initials") for item in group):
        return [(tuple(text_tokens), ())]
    choices = [[]]
    for item in group:
        if item["kind"] == "cjk":
            syllables = run_syllables(item["value"])
            units = [
                [
                    ("c", char, syllable)
                    for char, syllable in zip(item["value"], syllables, strict=True)
                ]
            ]
        elif item["kind"] == "pinyin":
            units = [
                [("s", syllable, syllable) for syllable in reading] for reading in item["readings"]
            ]
        elif item["kind"] == "initials":
            units = [[("i", letter, letter) for letter in item["readings"]]]
        else:
            units = [[("w", item["value"], "")]]
        choices = [[*choice, *unit] for choice in choices for unit in units][:MAX_PINYIN_READINGS]
    readings = []
    for units in choices:
        tokens = list(text_tokens)
        latin = [unit for unit in units if unit[0] != "w"]
        if any(unit[0] == "i" for unit in latin):
            pairs = list(zip(latin, latin[1:], strict=False))
            if not pairs or any(not a[2] or not b[2] for a, b in pairs):
                continue
            tokens += [("initials", a[2][0] + b[2][0]) for a, b in pairs]
        elif len(latin) == 1:
            tokens.append(("pinyin", latin[0][2]))
        else:
            pairs = list(zip(latin, latin[1:], strict=False))
            if any(not a[2] or not b[2] for a, b in pairs):
                continue
            tokens += [("pinyin", f"{a[2]}{SYLLABLE_SEPARATOR}{b[2]}") for a, b in pairs]
        sequence = tuple((kind, value) for kind, value, _syllable in latin)
        readings.append((tuple(dict.fromkeys(tokens)), sequence))
    return readings


def pinyin_readings(query):
    """The readings of a query with pinyin or initials in it; () for a query without.

    Each CJK run and plain word keeps its text tokens; each run of pinyin
    (with the characters it touches) asks for its syllable pairs, or its
    initials pairs when part of it is typed as initials.
    """
    text, items = _query_items(query)
    if not any(item["kind"] in ("pinyin", "initials") for item in items):
        return ()
    readings = [((), ())]
    for group in _groups(text, items):
        group_readings = [
            (tokens, (sequence,) if sequence else ()) for tokens, sequence in _group_readings(group)
        ]
        if not group_readings:
            return ()
        readings = [
            (tokens + extra_tokens, sequences + extra_sequences)
            for tokens, sequences in readings
            for extra_tokens, extra_sequences in group_readings
        ][:MAX_PINYIN_READINGS]
    return tuple(
        PinyinReading(tuple(dict.fromkeys(tokens)), sequences)
        for tokens, sequences in readings
        if tokens
    )
