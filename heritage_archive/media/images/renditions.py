"""Renditions are made when an image is saved, never inside a page request.

The specs are core.renditions' (the templates' own list), re-exported here.
"""

from heritage_archive.core.renditions import BASE_SPECS, FORMATS, RENDITION_SPECS

__all__ = ["BASE_SPECS", "FORMATS", "RENDITION_SPECS", "make_renditions"]


def make_renditions(image):
    """Create every rendition the site's templates use for ``image``."""
    return image.get_renditions(*RENDITION_SPECS)
