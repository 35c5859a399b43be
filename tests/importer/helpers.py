"""Writing import files in a temporary folder and running the command on them."""

import csv
import io
import tempfile
from pathlib import Path

from django.core.management import call_command
from openpyxl import Workbook

from tests.utils import png_bytes


class ImportFilesMixin:
    """A fresh temporary folder per test, with helpers to fill it."""

    def setUp(self):
        super().setUp()
        self._tempdir = tempfile.TemporaryDirectory()
        self.folder = Path(self._tempdir.name)
        self.addCleanup(self._tempdir.cleanup)

    def write_csv(self, rows, name="records.csv", bom=False):
        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerows(rows)
        path = self.folder / name
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8"))
        return path

    def write_xlsx(self, rows, name="records.xlsx"):
        workbook = Workbook()
        sheet = workbook.active
        for row in rows:
            sheet.append(row)
        # A second sheet must be ignored: the format reads the first one only.
        workbook.create_sheet("备注").append(["key", "nonsense"])
        path = self.folder / name
        workbook.save(path)
        return path

    def write_png(self, relative, **kwargs):
        path = self.folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png_bytes(**kwargs))
        return path

    def run_import(self, record_type, path, *args):
        """Run the command; return (stdout, stderr). CommandError propagates."""
        stdout, stderr = io.StringIO(), io.StringIO()
        try:
            call_command(
                "import_records",
                "--type",
                record_type,
                *args,
                str(path),
                stdout=stdout,
                stderr=stderr,
            )
        finally:
            self.last_stdout, self.last_stderr = stdout.getvalue(), stderr.getvalue()
        return self.last_stdout, self.last_stderr
