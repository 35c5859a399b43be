"""Heritage items, inheritors and figures as CSV in the import format.

Headers are the English column names of heritage_archive/importer/columns.py
(docs/formats/records-csv.md); the rows are importer.sheets'. Media paths
are relative to the package's data/files/, so ``import_records --media-dir
data/files`` reads them back into another archive.
"""

import csv

from heritage_archive.importer.columns import COLUMNS_BY_TYPE
from heritage_archive.importer.sheets import EXPORTS, safe_row


def write_record_csvs(folder):
    """Write heritage.csv, inheritor.csv and figure.csv; return their names."""
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for record_type, (model, _row_of) in EXPORTS.items():
        columns = [column.name for column in COLUMNS_BY_TYPE[record_type]]
        name = f"{record_type}.csv"
        # UTF-8 with BOM so spreadsheet programs open the Chinese text correctly.
        with (folder / name).open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            for page in model.objects.order_by("path"):
                writer.writerow(safe_row(record_type, page))
        names.append(f"csv/{name}")
    return names
