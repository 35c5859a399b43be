"""The site's public address: the one place that makes a URL absolute.

Every URL that leaves the site (OAI-PMH records, IIIF manifests, the read API,
search exports, JSON-LD, citations and permanent links) is built here, so a
harvester or a researcher gets a link that opens. The address is the
``SITE_BASE_URL`` setting when it is set (a site behind a proxy, or served
over https on another port than 443), else the configured Wagtail Site's
``root_url`` (hostname, and the port unless it is 80 or 443) — never the
address a request happened to arrive on, which behind a proxy or in a test
client is not one a reader can open.
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site


def _configured_root():
    return settings.SITE_BASE_URL.rstrip("/")


def site_root_url(request=None):
    """``scheme://host[:port]`` of the public site, without a trailing slash."""
    configured = _configured_root()
    if configured:
        return configured
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_url.rstrip("/")
    # No Site configured at all (an empty database): the request is all we know.
    return f"{request.scheme}://{request.get_host()}" if request is not None else ""


def absolute_url(url, request=None):
    """``url`` (a path such as ``/media/…``, or already absolute) as an absolute URL."""
    if not url:
        return ""
    if urlsplit(url).scheme in ("http", "https"):
        return url
    return site_root_url(request) + url


def page_url(page, request=None):
    """The absolute URL of a page, on its own Site (or SITE_BASE_URL), or ``""``.

    Wagtail's ``get_url_parts`` reads the cached site root paths, so this adds
    no query per page.
    """
    parts = page.get_url_parts(request)
    if parts is None:
        return ""
    _site_id, root_url, path = parts
    return (_configured_root() or root_url.rstrip("/")) + path


def site_address(url):
    """``(hostname, port)`` of a base URL, for creating the Wagtail Site."""
    parts = urlsplit(url)
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
