"""The fixed vocabularies of Chinese ICH: the ten categories and the listing levels.

Parsing accepts every spelling curators meet in old records (domain.md):
current and pre-2008 category names, Ⅰ–Ⅹ, I–X and 1–10.
"""

import unicodedata

from django.db import models
from django.utils.translation import gettext_lazy as _

from heritage_archive.core.text import normalize


class Category(models.TextChoices):
    FOLK_LITERATURE = "folk-literature", _("民间文学")
    TRADITIONAL_MUSIC = "traditional-music", _("传统音乐")
    TRADITIONAL_DANCE = "traditional-dance", _("传统舞蹈")
    TRADITIONAL_DRAMA = "traditional-drama", _("传统戏剧")
    QUYI = "quyi", _("曲艺")
    SPORTS_GAMES_ACROBATICS = "sports-games-acrobatics", _("传统体育、游艺与杂技")
    TRADITIONAL_ART = "traditional-art", _("传统美术")
    TRADITIONAL_CRAFTSMANSHIP = "traditional-craftsmanship", _("传统技艺")
    TRADITIONAL_MEDICINE = "traditional-medicine", _("传统医药")
    FOLK_CUSTOM = "folk-custom", _("民俗")


# Category order is the national numbering: Ⅰ is 民间文学, Ⅹ is 民俗.
CATEGORY_NUMBERS = {category: number for number, category in enumerate(Category, start=1)}
ROMAN_NUMERALS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]

_CATEGORY_NAMES = {
    "民间文学": Category.FOLK_LITERATURE,
    "传统音乐": Category.TRADITIONAL_MUSIC,
    "民间音乐": Category.TRADITIONAL_MUSIC,
    "传统舞蹈": Category.TRADITIONAL_DANCE,
    "民间舞蹈": Category.TRADITIONAL_DANCE,
    "传统戏剧": Category.TRADITIONAL_DRAMA,
    "曲艺": Category.QUYI,
    "传统体育、游艺与杂技": Category.SPORTS_GAMES_ACROBATICS,
    "传统体育,游艺与杂技": Category.SPORTS_GAMES_ACROBATICS,
    "传统体育游艺与杂技": Category.SPORTS_GAMES_ACROBATICS,
    "杂技与竞技": Category.SPORTS_GAMES_ACROBATICS,
    "传统美术": Category.TRADITIONAL_ART,
    "民间美术": Category.TRADITIONAL_ART,
    "传统技艺": Category.TRADITIONAL_CRAFTSMANSHIP,
    "传统手工技艺": Category.TRADITIONAL_CRAFTSMANSHIP,
    "传统医药": Category.TRADITIONAL_MEDICINE,
    "民俗": Category.FOLK_CUSTOM,
}


def parse_category(value):
    """The Category for any accepted spelling, or None when it is not one."""

    text = normalize(value).strip().replace(" ", "")
    if not text:
        return None
    if text in Category.values:
        return Category(text)
    for name, category in _CATEGORY_NAMES.items():
        if normalize(name).replace(" ", "") == text:
            return category
    upper = unicodedata.normalize("NFKC", text).upper()
    if upper in ROMAN_NUMERALS:
        return list(Category)[ROMAN_NUMERALS.index(upper)]
    if upper.isdigit() and 1 <= int(upper) <= len(Category):
        return list(Category)[int(upper) - 1]
    return None


def category_numeral(category):
    """The Roman numeral (Ⅰ–Ⅹ) of a category, as printed in project numbers."""
    return chr(0x2160 + CATEGORY_NUMBERS[Category(category)] - 1)


class Level(models.TextChoices):
    """Listing levels, lowest first: an item climbs from the district upward."""

    COUNTY = "county", _("区级")
    MUNICIPAL = "municipal", _("市级")
    PROVINCIAL = "provincial", _("省级")
    NATIONAL = "national", _("国家级")
    UNESCO = "unesco", _("联合国教科文组织名录")


LEVEL_RANKS = {level: rank for rank, level in enumerate(Level, start=1)}

_LEVEL_NAMES = {
    "区级": Level.COUNTY,
    "县级": Level.COUNTY,
    "区县级": Level.COUNTY,
    "市级": Level.MUNICIPAL,
    "省级": Level.PROVINCIAL,
    "国家级": Level.NATIONAL,
    "联合国教科文组织": Level.UNESCO,
    "联合国教科文组织名录": Level.UNESCO,
    "世界级": Level.UNESCO,
}


def parse_level(value):
    """The Level for a slug or Chinese label (区级/县级, 市级, ...), or None."""

    text = normalize(value).strip()
    if text in Level.values:
        return Level(text)
    for name, level in _LEVEL_NAMES.items():
        if normalize(name) == text:
            return level
    return None


def highest_level(levels):
    """The highest of some levels (None when there are none)."""
    ranked = [Level(level) for level in levels if level]
    return max(ranked, key=LEVEL_RANKS.get) if ranked else None


class ListingType(models.TextChoices):
    NEW = "new", _("新增")
    EXTENSION = "extension", _("扩展")


class Gender(models.TextChoices):
    MALE = "male", _("男")
    FEMALE = "female", _("女")


def highest_level_and_year(entries):
    """The highest level among entries with ``level`` and ``year``, and its first year.

    Used for an item's listings and an inheritor's designations alike:
    returns ("", None) when there are no entries.
    """
    entries = list(entries)
    top = highest_level(entry.level for entry in entries)
    years = [entry.year for entry in entries if entry.level == top and entry.year]
    return (top or ""), (min(years) if years else None)
