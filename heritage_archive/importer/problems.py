"""One problem found in an import file, reported as ``row N, column C: reason``."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    reason: str

    def __str__(self):
        # The literal shape is part of the import format (records-csv.md).
        return f"row {self.row}, column {self.column}: {self.reason}"


class ImportProblems(Exception):
    """Raised inside the import transaction so that nothing is written."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems
