"""Spreadsheets to a header and rows: CSV (UTF-8, with or without BOM) or XLSX."""

import csv
import datetime
import io
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from zipfile import BadZipFile

from django.utils.translation import gettext as _

# A spreadsheet larger than this is refused before it is parsed: a whole file
# is validated in memory, so an unbounded one could exhaust the server.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DATA_ROWS = 10_000


class ReadError(Exception):
    """The file cannot be read as a spreadsheet at all."""


@dataclass
class Table:
    """The header as written and the data rows with their spreadsheet row numbers.

    Row numbers count the header as row 1, as a curator sees them in Excel.
    Completely empty rows are dropped but keep their numbers for the rest.
    """

    headers: list
    rows: list  # [(row_number, [cell text, ...])]


def read_table(path):
    path = Path(path)
    suffix = path.suffix.lower()
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ReadError(
            _("文件太大（%(size)s 字节），上限为 %(max)s 字节；请拆分成几个文件分批导入。")
            % {"size": f"{size:,}", "max": f"{MAX_FILE_BYTES:,}"}
        )
    if suffix == ".csv":
        raw_rows = _read_csv(path)
    elif suffix == ".xlsx":
        raw_rows = _read_xlsx(path)
    else:
        raise ReadError(
            _("不支持的文件类型“%(suffix)s”：只接受 .csv 或 .xlsx。") % {"suffix": suffix}
        )
    raw_rows = [[cell_text(value) for value in row] for row in raw_rows]
    if not raw_rows or not any(raw_rows[0]):
        raise ReadError(_("文件是空的，或第一行不是表头。"))
    if len(raw_rows) - 1 > MAX_DATA_ROWS:
        raise ReadError(
            _("文件有 %(rows)s 行数据，上限为 %(max)s 行；请拆分成几个文件分批导入。")
            % {"rows": f"{len(raw_rows) - 1:,}", "max": f"{MAX_DATA_ROWS:,}"}
        )
    headers = raw_rows[0]
    # Trailing empty header cells are Excel leftovers, not columns.
    while headers and not headers[-1]:
        headers.pop()
    rows = []
    for number, row in enumerate(raw_rows[1:], start=2):
        if not any(row):
            continue
        cells = (row + [""] * len(headers))[: max(len(headers), len(row))]
        rows.append((number, cells))
    return Table(headers=headers, rows=rows)


def cell_text(value):
    """A cell as the text a curator typed: 2009.0 from Excel reads back as 2009."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        value = value.date() if value.time() == datetime.time() else value
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _read_csv(path):
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ReadError(
            _(
                "CSV 文件不是 UTF-8 编码（第 %(position)s 字节无法解码）；请在 Excel 中另存为“CSV UTF-8”。"
            )
            % {"position": error.start}
        ) from None
    try:
        # One row past the limit is enough to refuse the file (see read_table).
        return list(islice(csv.reader(io.StringIO(text, newline="")), MAX_DATA_ROWS + 2))
    except csv.Error as error:
        raise ReadError(_("CSV 格式错误：%(error)s") % {"error": error}) from None


def _read_xlsx(path):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as error:
        raise ReadError(_("无法读取 XLSX 文件：%(error)s") % {"error": error}) from None
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        return [list(row) for row in islice(rows, MAX_DATA_ROWS + 2)]
    finally:
        workbook.close()
