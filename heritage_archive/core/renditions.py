"""The rendition sizes the templates use, made for every image when it is saved.

Templates ask only for these specs, so every one of them exists by the time
a visitor sees the page (heritage_archive.media.images.renditions makes them).
"""

# Thumbnails in lists and cards, page images, gallery lightbox and IIIF-style
# fixed sizes, each also as WebP and AVIF for srcset.
BASE_SPECS = ("fill-400x300", "fill-160x160", "width-800", "max-1600x1600")
FORMATS = ("", "|format-webp", "|format-avif")
RENDITION_SPECS = tuple(spec + fmt for spec in BASE_SPECS for fmt in FORMATS)
