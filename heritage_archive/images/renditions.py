"""Renditions are made when an image is saved, never inside a page request.

Templates ask only for the specs listed here, so every one of them exists
by the time a visitor sees the page.
"""

# Thumbnails in lists and cards, page images, gallery lightbox and IIIF-style
# fixed sizes, each also as WebP and AVIF for srcset.
BASE_SPECS = ("fill-400x300", "fill-160x160", "width-800", "max-1600x1600")
FORMATS = ("", "|format-webp", "|format-avif")
RENDITION_SPECS = tuple(spec + fmt for spec in BASE_SPECS for fmt in FORMATS)


def make_renditions(image):
    """Create every rendition the site's templates use for ``image``."""
    return image.get_renditions(*RENDITION_SPECS)
