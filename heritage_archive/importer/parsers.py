"""Cells to clean values: every parser returns the value or raises Invalid.

The values are plain, comparable data (tuples, strings, ids), so that the
writer can tell an unchanged record from a changed one by equality alone.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.translation import gettext as _

from heritage_archive.core.choices import Gender, ListingType, parse_category, parse_level
from heritage_archive.core.tags import split_list

from .media import MediaFile, MediaProblem

YEAR_MIN, YEAR_MAX = 1900, 2100
_SOURCES_RE = re.compile(r"[;；\n]+")
_FIGURE_YEAR_RE = re.compile(r"^(约)?\s*(公元前|前)?\s*(-)?\s*(\d{1,4})\s*年?$")
_MINUS_SIGNS = str.maketrans({"−": "-", "–": "-", "—": "-", "－": "-"})


class Invalid(Exception):
    """One or more reasons why a cell is wrong."""

    def __init__(self, *reasons):
        super().__init__(*reasons)
        self.reasons = reasons


@dataclass(frozen=True)
class Listing:
    level: str
    batch: str
    year: int | None
    notice_number: str
    listing_type: str


@dataclass(frozen=True)
class Designation:
    level: str
    batch: str
    year: int | None


@dataclass(frozen=True)
class ImageRef:
    file: MediaFile
    alt: str  # "" when the row gives none: the writer keeps or makes one
    caption: str = ""

    def comparable(self):
        return (self.file.sha256, self.alt, self.caption)


@dataclass(frozen=True)
class YearValue:
    year: int | None
    approximate: bool = False


def text(value, max_length=None):
    value = value.strip()
    if max_length and len(value) > max_length:
        raise Invalid(
            _("内容过长（%(length)s 字），最多 %(max)s 字。")
            % {"length": len(value), "max": max_length}
        )
    return value


def parts_of(entry, max_parts, shape):
    parts = [part.strip() for part in entry.split("|")]
    if len(parts) > max_parts:
        raise Invalid(
            _("“%(entry)s”的字段太多，格式应为 %(shape)s。") % {"entry": entry, "shape": shape}
        )
    return parts + [""] * (max_parts - len(parts))


def plain_year(value, label):
    value = unicodedata.normalize("NFKC", value).strip().removesuffix("年")
    if not value:
        return None
    if not value.isdigit():
        raise Invalid(_("%(label)s“%(value)s”不是整数年份。") % {"label": label, "value": value})
    year = int(value)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise Invalid(
            _("%(label)s %(year)s 不在 %(min)s–%(max)s 之间。")
            % {"label": label, "year": year, "min": YEAR_MIN, "max": YEAR_MAX}
        )
    return year


def level(value):
    parsed = parse_level(value)
    if parsed is None:
        raise Invalid(
            _("未知的级别“%(value)s”；应为 区级/县级、市级、省级、国家级 或 联合国教科文组织。")
            % {"value": value}
        )
    return parsed.value


def category(value):
    parsed = parse_category(value)
    if parsed is None:
        raise Invalid(
            _("未知的类别“%(value)s”；可写现名、2008 年以前的旧称、Ⅰ–Ⅹ、I–X 或 1–10。")
            % {"value": value}
        )
    return parsed.value


def listing_type(value):
    value = value.strip()
    if not value:
        return ListingType.NEW.value
    for choice in ListingType:
        if value in (choice.value, str(choice.label)):
            return choice.value
    raise Invalid(_("未知的类型“%(value)s”；应为 新增 或 扩展。") % {"value": value})


def listings(value, kind, max_lengths):
    entries = split_list(value)
    if not entries:
        raise Invalid(_("至少需要一条名录（级别|批次|年份|文号）。"))
    result, reasons = [], []
    for entry in entries:
        try:
            level_text, batch, year, notice, own_kind = parts_of(
                entry, 5, "级别|批次|年份|文号|类型"
            )
            result.append(
                Listing(
                    level=level(level_text),
                    batch=text(batch, max_lengths["batch"]),
                    year=plain_year(year, _("年份")),
                    notice_number=text(notice, max_lengths["notice_number"]),
                    # An entry's own 类型 (an item extended at one level only)
                    # wins over the row's 类型 column.
                    listing_type=listing_type(own_kind) if own_kind else kind,
                )
            )
        except Invalid as error:
            reasons.extend(f"“{entry}”：{reason}" for reason in error.reasons)
    if reasons:
        raise Invalid(*reasons)
    return tuple(result)


def designations(value, max_batch):
    result, reasons = [], []
    for entry in split_list(value):
        try:
            level_text, batch, year = parts_of(entry, 3, "级别|批次|年份")
            result.append(
                Designation(
                    level=level(level_text),
                    batch=text(batch, max_batch),
                    year=plain_year(year, _("年份")),
                )
            )
        except Invalid as error:
            reasons.extend(f"“{entry}”：{reason}" for reason in error.reasons)
    if reasons:
        raise Invalid(*reasons)
    return tuple(result)


def gender(value):
    value = value.strip()
    if not value:
        return ""
    for choice in Gender:
        if value in (choice.value, str(choice.label)):
            return choice.value
    raise Invalid(_("性别应为 男 或 女，而不是“%(value)s”。") % {"value": value})


def birth_year(value):
    return plain_year(value, _("出生年份")) if value.strip() else None


def figure_year(value):
    """生年/卒年: an integer, negative (or 公元前) for BCE, 约 for approximate."""
    raw = unicodedata.normalize("NFKC", value).translate(_MINUS_SIGNS).strip()
    if not raw:
        return YearValue(None, False)
    match = _FIGURE_YEAR_RE.match(raw)
    if not match:
        raise Invalid(
            _("“%(value)s”不是年份；写整数，公元前用负数，约数在前面加“约”，如 约-221。")
            % {"value": value}
        )
    approximate, bce_word, minus, digits = match.groups()
    year = int(digits)
    if bce_word or minus:
        year = -year
    if year == 0:
        raise Invalid(_("没有公元 0 年：公元前 1 年之后是公元 1 年。"))
    if year > YEAR_MAX:
        raise Invalid(_("年份 %(year)s 太大。") % {"year": year})
    return YearValue(year, bool(approximate))


def tags(value):
    names = split_list(value)
    too_long = [name for name in names if len(name) > 100]
    if too_long:
        raise Invalid(*(_("标签“%(name)s”超过 100 字。") % {"name": name} for name in too_long))
    return tuple(sorted(names))


def paragraphs(value):
    """Plain text to paragraph HTML: blank lines separate paragraphs."""
    blocks = re.split(r"\n\s*\n", value.strip())
    return tuple(
        "<p>"
        + "<br/>".join(escape(line.strip()) for line in block.splitlines() if line.strip())
        + "</p>"
        for block in blocks
        if block.strip()
    )


def joined_list(value, separator, max_length):
    return text(separator.join(split_list(value)), max_length)


def sources(value):
    return "\n".join(line.strip() for line in _SOURCES_RE.split(value) if line.strip())


def image_list(value, media_folder):
    result, reasons = [], []
    for entry in split_list(value):
        try:
            path, alt, caption = parts_of(entry, 3, "路径|替代文字|说明")
            result.append(ImageRef(media_folder.image(path), text(alt, 255), text(caption, 255)))
        except (Invalid, MediaProblem) as error:
            reasons.extend(getattr(error, "reasons", None) or [str(error)])
    if reasons:
        raise Invalid(*reasons)
    return tuple(result)


def portrait(value, media_folder):
    if not value.strip():
        return None
    path, alt = parts_of(value.strip(), 2, "路径|替代文字")
    try:
        return ImageRef(media_folder.image(path), text(alt, 255))
    except MediaProblem as error:
        raise Invalid(str(error)) from None


def media_list(value, load):
    result, reasons = [], []
    for path in split_list(value):
        try:
            result.append(load(path))
        except MediaProblem as error:
            reasons.append(str(error))
    if reasons:
        raise Invalid(*reasons)
    return tuple(result)
