"""/sitemap.xml: every page the public may see, at the site's public address.

Wagtail's sitemap lists ``live().public()`` pages at ``Page.get_full_url``;
this one asks ``core.visibility`` (so an expired page whose unpublish job has
not run yet stays out, as it does everywhere else) and ``core.addresses`` (so
``SITE_BASE_URL`` wins over the Site row, as in OAI-PMH and IIIF).
"""

from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap

from heritage_archive.core.addresses import absolute_url, page_url
from heritage_archive.core.visibility import visible_pages


class VisibleSitemap(Sitemap):
    def items(self):
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True)
        return visible_pages(pages, self.request).order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        # Wagtail's version asks each page for get_sitemap_urls(), which builds
        # the address from the Site row alone; the location here is the one
        # every other way out of the archive gives.
        urls = []
        for item in self.paginator.page(page).object_list:
            lastmod = self.lastmod(item)
            urls.append(
                {"item": item, "location": page_url(item, self.request), "lastmod": lastmod}
            )
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


def robots_txt(request):
    """robots.txt naming the sitemap by its absolute address, as crawlers require."""
    return TemplateResponse(
        request,
        "robots.txt",
        {"sitemap_url": absolute_url(reverse("sitemap"), request)},
        content_type="text/plain; charset=utf-8",
    )
