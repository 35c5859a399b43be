"""Cells that spreadsheet programs will not run as formulas (CSV injection).

Every CSV the archive writes (the search export, the backup's record CSVs)
passes its cells through ``spreadsheet_safe``.
"""

# Spreadsheet programs run a cell that starts with these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """``value`` as text, with a leading ``'`` when a spreadsheet would read a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text
