"""Tag strings as Chinese curators write them.

Curators separate tags with the Chinese enumeration comma 、, full-width
commas and semicolons as often as with ASCII commas; all of them split.
"""

import re

# Also given to the admin's tag field (static_src/js/admin-tag-separators.js),
# so the widget shows the tags the server will store.
SEPARATORS = ",，、;；\n\r"
SEPARATORS_RE = re.compile(f"[{re.escape(SEPARATORS)}]+")


def split_list(value):
    """Split a cell or a tag field into its stripped, non-empty, unique items."""
    items = (item.strip().strip('"').strip() for item in SEPARATORS_RE.split(value or ""))
    return list(dict.fromkeys(item for item in items if item))


def parse_tags(tagstring):
    return sorted(split_list(tagstring))


def edit_string_for_tags(tags):
    return "，".join(sorted(tag.name for tag in tags))
