"""Cells that spreadsheet programs will not run as formulas (CSV injection).

Every CSV the archive writes (the search export, the backup's record CSVs)
passes its cells through ``spreadsheet_safe``; the importer reads them back
through ``from_spreadsheet_safe``, so a backup's CSV imports as it was written.
"""

# Spreadsheet programs run a cell that starts with these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """``value`` as text, with a leading ``'`` when a spreadsheet would read a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def from_spreadsheet_safe(text):
    """The text ``spreadsheet_safe`` was given: a re-imported export loses its guard ``'``."""
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text
