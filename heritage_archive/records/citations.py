"""Permanent links and GB/T 7714-2015 citations for record pages.

A record's page URL follows its slug and its place in the tree, both of
which editors may change. The permanent link names the record by what does
not change — the heritage item's project number, the inheritor's or the
figure's key, or else the page id — and redirects to wherever the page is now.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import iri_to_uri, uri_to_iri

from heritage_archive.core.addresses import absolute_url
from heritage_archive.records.registry import record_type_of


def permanent_path(page):
    """The stable path of a record page: key-based where the record has a key.

    Returned as an IRI (``/record/heritage/Ⅴ-3/``) so citations read as written.
    """
    record_type = record_type_of(page)
    key = getattr(page, "key", "")
    if record_type is not None and record_type.keyed and key:
        return uri_to_iri(reverse("record", kwargs={"kind": record_type.name, "key": key}))
    return reverse("record_page", kwargs={"page_id": page.pk})


def permanent_url(page, request):
    """The absolute permanent link, readable as written (Chinese and Ⅴ unescaped)."""
    return absolute_url(permanent_path(page), request)


def site_name_for(request):
    """The center's name (SiteSettings): author and publisher of every record."""
    from heritage_archive.core.models import SiteSettings

    # for_request caches on the request: the header has already loaded it.
    return SiteSettings.for_request(request).site_name


def _date(value):
    """The ISO day of a datetime (in local time) or of a date."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return value.isoformat() if value else ""


def gbt7714_citation(*, author, title, url, updated=None, accessed=None):
    """One reference in the GB/T 7714-2015 style for an online electronic resource.

    ``主要责任者. 题名[EB/OL]. (更新或修改日期)[引用日期]. 获取和访问路径.``
    ``updated`` is a datetime or a date (or None when unknown, then its bracket is left
    out); ``accessed`` a date, today by default.
    """
    accessed = accessed or timezone.localdate()
    parts = []
    if author:
        parts.append(f"{author}. ")
    parts.append(f"{title}[EB/OL]. ")
    if updated:
        parts.append(f"({_date(updated)})")
    parts.append(f"[{accessed.isoformat()}]. {url}.")
    return "".join(parts)


# English month names for APA and Chicago, written out here rather than through
# Django's date filter: the site's locale is zh-hans, and both styles spell
# the month in English.
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _english_date(value):
    """``May 1, 2024``."""
    return f"{MONTHS[value.month - 1]} {value.day}, {value.year}"


@dataclass(frozen=True)
class Reference:
    """What every citation style of a record reads, gathered once per record."""

    title: str
    author: str  # the center that publishes the archive, also the publisher
    url: str  # the absolute permanent link, as an IRI
    record_label: str  # 非遗项目, 传承人, 名人
    key: str
    citation_key: str  # ASCII, for BibTeX and RIS ID
    updated: datetime.date | None = None
    accessed: datetime.date = field(default_factory=timezone.localdate)
    summary: str = ""
    keywords: tuple = ()

    @property
    def uri(self):
        """The permanent link percent-encoded, for formats read by machines."""
        return iri_to_uri(self.url)


def citation_key(kind, key, page_id):
    """``anci-heritage-V-3``: ASCII letters and digits of the key (NFKC folds Ⅴ to V)."""
    ascii_key = re.sub(r"[^A-Za-z0-9]+", "-", unicodedata.normalize("NFKC", key)).strip("-")
    return f"anci-{kind}-{ascii_key or page_id}"


def reference_for(page, request, *, author, keywords=(), accessed=None):
    """The Reference of a keyed record page as read through ``request``."""
    record_type = record_type_of(page)
    updated = page.last_published_at or page.first_published_at
    return Reference(
        title=page.title,
        author=author,
        url=permanent_url(page, request),
        record_label=str(record_type.label),
        key=page.key,
        citation_key=citation_key(record_type.name, page.key, page.pk),
        updated=timezone.localtime(updated).date() if updated else None,
        accessed=accessed or timezone.localdate(),
        summary=" ".join(getattr(page, "summary", "").split()),
        keywords=tuple(keywords),
    )


def gbt7714_text(reference):
    return gbt7714_citation(
        author=reference.author,
        title=reference.title,
        url=reference.url,
        updated=reference.updated,
        accessed=reference.accessed,
    )


def apa_text(reference):
    """APA 7th edition, a web page whose author is the site, so the site name is not repeated.

    ``Author. (Year, Month Day). Title. Retrieved Month Day, Year, from URL``; the
    retrieval date is given because a record page is updated over time.
    """
    date = (
        f"{reference.updated.year}, {MONTHS[reference.updated.month - 1]} {reference.updated.day}"
        if reference.updated
        else "n.d."
    )
    return (
        f"{reference.author}. ({date}). {reference.title}. "
        f"Retrieved {_english_date(reference.accessed)}, from {reference.url}"
    )


def chicago_text(reference):
    """Chicago 17th edition, bibliography entry for a web page.

    ``Author. “Title.” Website. Last modified Month Day, Year. URL.``; the access
    date stands in only when the page gives no date (Chicago 14.233).
    """
    date = (
        f"Last modified {_english_date(reference.updated)}"
        if reference.updated
        else f"Accessed {_english_date(reference.accessed)}"
    )
    return f"{reference.author}. “{reference.title}.” {reference.author}. {date}. {reference.url}."


def _single_line(value):
    return " ".join(str(value).split())


def ris_text(reference):
    """The record as one RIS reference (TY ELEC: a web page), lines ended CRLF as RIS asks."""
    lines = [
        ("TY", "ELEC"),
        ("ID", reference.citation_key),
        ("TI", reference.title),
        ("AU", reference.author),
        ("PB", reference.author),
        ("M3", f"{reference.record_label} {reference.key}"),
    ]
    if reference.updated:
        lines += [
            ("PY", str(reference.updated.year)),
            ("DA", reference.updated.strftime("%Y/%m/%d")),
        ]
    lines += [
        ("Y2", reference.accessed.strftime("%Y/%m/%d")),
        ("UR", reference.uri),
        ("LA", "zh"),
    ]
    if reference.summary:
        lines.append(("AB", reference.summary))
    lines += [("KW", keyword) for keyword in reference.keywords]
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {_single_line(value)}\r\n" for tag, value in lines)


# LaTeX's special characters, so a title with "&" or "{" stays one balanced
# field and prints as written.
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _bibtex_value(value):
    return "".join(_BIBTEX_ESCAPES.get(char, char) for char in _single_line(value))


def bibtex_text(reference):
    """The record as one BibTeX @misc entry (with biblatex's url, urldate and date)."""
    fields = [
        # Double braces: the center is one corporate name, not "first last".
        ("author", "{" + _bibtex_value(reference.author) + "}"),
        ("title", _bibtex_value(reference.title)),
        ("publisher", _bibtex_value(reference.author)),
        ("howpublished", r"\url{" + reference.uri + "}"),
        ("url", reference.uri),
        ("urldate", reference.accessed.isoformat()),
        ("note", _bibtex_value(f"{reference.record_label} {reference.key}")),
        ("language", "zh"),
    ]
    if reference.updated:
        fields += [("year", str(reference.updated.year)), ("date", reference.updated.isoformat())]
    if reference.summary:
        fields.append(("abstract", _bibtex_value(reference.summary)))
    if reference.keywords:
        fields.append(("keywords", _bibtex_value(", ".join(reference.keywords))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{reference.citation_key},\n{body}\n}}\n"


def citation_meta(reference):
    """The Highwire Press meta tags Zotero and Google Scholar read, as (name, content) pairs."""
    tags = [
        ("citation_title", reference.title),
        ("citation_author", reference.author),
        ("citation_publisher", reference.author),
    ]
    if reference.updated:
        date = reference.updated.strftime("%Y/%m/%d")
        tags += [("citation_publication_date", date), ("citation_date", date)]
    tags += [("citation_public_url", reference.uri), ("citation_language", "zh")]
    tags += [("citation_keywords", keyword) for keyword in reference.keywords]
    return tags


def citation_download_path(page, fmt):
    """/record/heritage/Ⅴ-3/cite.ris: the permanent link with the file of one format."""
    record_type = record_type_of(page)
    return uri_to_iri(
        reverse("record_citation", kwargs={"kind": record_type.name, "key": page.key, "fmt": fmt})
    )
