"""Spreadsheets to a header and rows: CSV (UTF-8, with or without BOM) or XLSX.

Every limit is checked while reading, before anything is validated: a file
is read row by row, and a row is kept only as wide as its last filled cell,
so the size a file declares (an XLSX ``<dimension ref="A1:XFD2000"/>``) is
never trusted.
"""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from heritage_archive.core.spreadsheets import from_spreadsheet_safe

from .problems import Problem

# A spreadsheet larger than this is refused before it is parsed: a whole file
# is validated in memory, so an unbounded one could exhaust the server.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DATA_ROWS = 10_000
# No record type has more than a few dozen columns.
MAX_COLUMNS = 200
# Generous for a long 正文 written in the admin and exported by the backup
# (records_csv); Excel itself stops at 32,767 characters a cell.
MAX_CELL_CHARS = 100_000
# An XLSX is a zip: its members are refused by their declared sizes before
# anything is decompressed (zipfile never inflates a member past that size).
MAX_XLSX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
# Excel's and openpyxl's sheets compress 5-30 times; a bomb, hundreds of times.
MAX_COMPRESSION_RATIO = 100
RATIO_CHECKED_ABOVE_BYTES = 1024 * 1024
# Reading stops after this many problems: they are enough to fix the file.
MAX_READ_PROBLEMS = 100


class ReadError(Exception):
    """The file cannot be read as a spreadsheet at all, or breaks a limit.

    ``problems`` are the ``row N, column C: reason`` lines (problems.Problem)
    when the fault lies in particular cells; they are part of the message.
    """

    def __init__(self, message, problems=()):
        self.message = message
        self.problems = list(problems)
        super().__init__(str(self))

    def __str__(self):
        return "\n".join([self.message, *(str(problem) for problem in self.problems)])


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
        reader = _CsvRows(path)
    elif suffix == ".xlsx":
        reader = _XlsxRows(path)
    else:
        raise ReadError(
            _("不支持的文件类型“%(suffix)s”：只接受 .csv 或 .xlsx。") % {"suffix": suffix}
        )
    with reader:
        return _table_from(reader)


def _table_from(reader):
    headers, rows, problems = None, [], []
    # One row past the limit is enough to refuse the file.
    for number, values in islice(reader.rows(), MAX_DATA_ROWS + 2):
        cells = _trimmed([cell_text(value) for value in values])
        if headers is None:
            if not any(cells):
                raise ReadError(_("文件是空的，或第一行不是表头。"))
            headers = cells
        problems.extend(_cell_problems(number, cells, headers if number > 1 else []))
        if len(problems) >= MAX_READ_PROBLEMS:
            raise ReadError(
                _("文件中至少有 %(count)s 处超出限制，已停止读取；未导入任何内容。")
                % {"count": len(problems)},
                problems,
            )
        if number > 1 and any(cells):
            rows.append((number, cells))
    if headers is None:
        raise ReadError(_("文件是空的，或第一行不是表头。"))
    data_rows = reader.rows_read - 1
    if data_rows > MAX_DATA_ROWS:
        raise ReadError(
            _("文件有 %(rows)s 行数据，上限为 %(max)s 行；请拆分成几个文件分批导入。")
            % {"rows": f"{data_rows:,}", "max": f"{MAX_DATA_ROWS:,}"}
        )
    if problems:
        raise ReadError(
            _("有 %(count)s 处超出限制；未导入任何内容。") % {"count": len(problems)},
            problems,
        )
    # The header's own trailing empty cells were trimmed like any row's.
    rows = [
        (number, (cells + [""] * len(headers))[: max(len(headers), len(cells))])
        for number, cells in rows
    ]
    return Table(headers=headers, rows=rows)


def _trimmed(cells):
    """A row without its trailing empty cells (Excel leftovers, not columns)."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    del cells[end:]
    return cells


def column_name(index, headers):
    """How a problem names the column at ``index`` (0-based): its header, else its number."""
    if index < len(headers) and headers[index]:
        return headers[index]
    return _("第 %(number)s 列（%(letter)s）") % {
        "number": index + 1,
        "letter": get_column_letter(index + 1) if index < 18_278 else "?",
    }


def _cell_problems(number, cells, headers):
    problems = []
    for index, cell in enumerate(cells[:MAX_COLUMNS]):
        if len(cell) > MAX_CELL_CHARS:
            problems.append(_long_cell(number, index, len(cell), headers))
    if len(cells) > MAX_COLUMNS:
        problems.append(_too_wide(number, len(cells), headers))
    return problems


def _long_cell(number, index, length, headers):
    return Problem(
        number,
        column_name(index, headers),
        _("单元格有 %(length)s 字，上限为 %(max)s 字。")
        % {"length": f"{length:,}", "max": f"{MAX_CELL_CHARS:,}"},
    )


def _too_wide(number, width, headers):
    return Problem(
        number,
        column_name(width - 1, headers),
        _("这一行写到了第 %(width)s 列，上限为 %(max)s 列；请删除多余的列。")
        % {"width": f"{width:,}", "max": MAX_COLUMNS},
    )


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
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return from_spreadsheet_safe(text)


class _CsvRows:
    """The rows of a CSV file, numbered from 1, one at a time."""

    def __init__(self, path):
        try:
            self.text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ReadError(
                _(
                    "CSV 文件不是 UTF-8 编码（第 %(position)s 字节无法解码）；"
                    "请在 Excel 中另存为“CSV UTF-8”。"
                )
                % {"position": error.start}
            ) from None
        self.rows_read = 0
        self.headers = []

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False

    def rows(self):
        # csv refuses a field over csv.field_size_limit() (131,072 characters by
        # default, more than MAX_CELL_CHARS): below it, _cell_problems names the cell.
        reader = csv.reader(io.StringIO(self.text, newline=""))
        while True:
            number = self.rows_read + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise self._error(number, error) from None
            self.rows_read = number
            if number == 1:
                self.headers = _trimmed([cell_text(value) for value in row])
            yield number, row

    def _error(self, number, error):
        if "field limit" not in str(error):
            return ReadError(
                _("CSV 格式错误（第 %(row)s 行）：%(error)s") % {"row": number, "error": error}
            )
        index = _long_csv_field(self.text, number)
        return ReadError(
            _("有单元格超出限制；未导入任何内容。"),
            [
                Problem(
                    number,
                    column_name(index, self.headers) if index is not None else "?",
                    _("单元格超过 %(limit)s 字，上限为 %(max)s 字。")
                    % {"limit": f"{csv.field_size_limit():,}", "max": f"{MAX_CELL_CHARS:,}"},
                )
            ],
        )


def _long_csv_field(text, number):
    """The 0-based column of the first over-long field of record ``number``, or None.

    Only for the error message: a plain scan with the csv module's default
    quoting (a doubled quote inside quotes is a quote).
    """
    limit = csv.field_size_limit()
    record, column, length, quoted, at_start = 1, 0, 0, False, True
    index, end = 0, len(text)
    while index < end:
        char = text[index]
        if quoted:
            if char == '"':
                if index + 1 < end and text[index + 1] == '"':
                    index += 1
                    length += 1
                else:
                    quoted = False
            else:
                length += 1
        elif char == '"' and at_start:
            quoted = True
        elif char == ",":
            column, length = column + 1, 0
        elif char in "\r\n":
            if char == "\r" and index + 1 < end and text[index + 1] == "\n":
                index += 1
            record, column, length = record + 1, 0, 0
        else:
            length += 1
        at_start = char in ",\r\n" and not quoted
        if record == number and length > limit:
            return column
        if record > number:
            return None
        index += 1
    return None


class _XlsxRows:
    """The rows of an XLSX file's first sheet, numbered as Excel numbers them."""

    def __init__(self, path):
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException

        _check_zip(path)
        try:
            self.workbook = load_workbook(path, read_only=True, data_only=True)
            self.sheet = self.workbook.worksheets[0]
        except (
            InvalidFileException,
            zipfile.BadZipFile,
            OSError,
            KeyError,
            ValueError,
            IndexError,
            SyntaxError,
        ) as error:
            raise ReadError(_("无法读取 XLSX 文件：%(error)s") % {"error": error}) from None
        # The declared <dimension> would pad every row (and missing row) to its
        # width: A1:XFD2000 in a 5 KB file is 16,384 cells a row. Forget it, so
        # that a row is as wide as its last cell.
        self.sheet.reset_dimensions()
        self.rows_read = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.workbook.close()
        return False

    def rows(self):
        try:
            for number, row in enumerate(self.sheet.iter_rows(values_only=True), start=1):
                self.rows_read = number
                yield number, row
        except (zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError, SyntaxError) as error:
            # A damaged member (bad CRC) or malformed sheet XML (ParseError is a SyntaxError).
            raise ReadError(
                _("无法读取 XLSX 文件（第 %(row)s 行附近）：%(error)s")
                % {"row": self.rows_read + 1, "error": error}
            ) from None


def _check_zip(path):
    """Refuse an XLSX whose members would inflate too far, before inflating any."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ReadError(_("无法读取 XLSX 文件：%(error)s") % {"error": error}) from None
    total = sum(member.file_size for member in members)
    if total > MAX_XLSX_UNCOMPRESSED_BYTES:
        raise ReadError(
            _("XLSX 文件解压后有 %(size)s 字节，上限为 %(max)s 字节；请拆分成几个文件分批导入。")
            % {"size": f"{total:,}", "max": f"{MAX_XLSX_UNCOMPRESSED_BYTES:,}"}
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECKED_ABOVE_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise ReadError(
                _(
                    "XLSX 文件中的“%(name)s”压缩比为 %(ratio)s 倍，超过 %(max)s 倍，"
                    "不像 Excel 保存的文件；请在 Excel 中重新保存后再导入。"
                )
                % {"name": member.filename, "ratio": int(ratio), "max": MAX_COMPRESSION_RATIO}
            )
