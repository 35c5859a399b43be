"""Every row of a table to a clean Record, collecting every problem on the way.

Nothing here writes: the same validation serves --dry-run and the real run,
which writes only when validation found no problem at all.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heritage_archive.core.choices import ListingType
from heritage_archive.core.text import fold_project_number
from heritage_archive.records.figures.models import FigurePage
from heritage_archive.records.heritage.models import HeritageItemPage, HeritageListing
from heritage_archive.records.inheritors.models import InheritorDesignation, InheritorPage

from . import parsers
from .columns import COLUMNS_BY_TYPE, match_headers
from .media import MediaFolder
from .parsers import Invalid
from .problems import Problem


@dataclass
class Record:
    """One valid row: ``values`` holds only the columns the file has."""

    row: int
    key: str
    lookup_key: str  # the folded project number for heritage items, else the key
    title: str
    values: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)


def _max_length(model, name):
    return model._meta.get_field(name).max_length


class Validator:
    title_column = "name"
    required_message = gettext_lazy("必填，不能为空。")

    def __init__(self, record_type, table, media_dir):
        self.record_type = record_type
        self.table = table
        self.media = MediaFolder(media_dir)
        self.problems = []

    @classmethod
    def for_type(cls, record_type, table, media_dir):
        validator_class = {
            "heritage": HeritageValidator,
            "inheritor": InheritorValidator,
            "figure": FigureValidator,
        }[record_type]
        return validator_class(record_type, table, media_dir)

    def validate(self, progress=None):
        """Return (records, problems); records are only meaningful without problems."""
        self.columns, header_problems = match_headers(self.record_type, self.table.headers)
        self.problems.extend(header_problems)
        records = []
        seen_keys = {}
        for done, (row_number, cells) in enumerate(self.table.rows, start=1):
            record = self.parse_row(row_number, cells)
            if record is not None:
                first_row = seen_keys.setdefault(record.lookup_key, row_number)
                if first_row != row_number:
                    self.add(
                        row_number,
                        "key",
                        _("编号“%(key)s”与第 %(row)s 行重复。")
                        % {"key": record.key, "row": first_row},
                    )
                else:
                    records.append(record)
            if progress:
                progress(done, len(self.table.rows))
        self.check_references(records)
        self.problems.sort(key=lambda problem: problem.row)
        return records, self.problems

    def header(self, name):
        return self.columns[name][1] if name in self.columns else name

    def add(self, row, name, reason):
        self.problems.append(Problem(row, self.header(name), reason))

    def parse_row(self, row_number, cells):
        values = {}
        valid = True
        headers = self.table.headers
        for index, cell in enumerate(cells):
            if cell and (index >= len(headers) or not headers[index]):
                self.problems.append(
                    Problem(
                        row_number,
                        _("第 %(number)s 列") % {"number": index + 1},
                        _("这一列有内容但没有表头。"),
                    )
                )
                valid = False
        for name, parse in self.parsers().items():
            if name not in self.columns:
                continue
            cell = cells[self.columns[name][0]] if self.columns[name][0] < len(cells) else ""
            if not cell.strip() and self.is_required(name):
                self.add(row_number, name, self.required_message)
                valid = False
                continue
            try:
                values[name] = parse(cell)
            except Invalid as error:
                for reason in error.reasons:
                    self.add(row_number, name, reason)
                valid = False
        for name, reason in self.check_row(values):
            self.add(row_number, name, reason)
            valid = False
        if not valid or "key" not in values or self.title_column not in values:
            return None
        return Record(
            row=row_number,
            key=values["key"],
            lookup_key=self.lookup_key(values["key"]),
            title=values.pop(self.title_column),
            values=values,
            headers={name: header for name, (_index, header) in self.columns.items()},
        )

    def is_required(self, name):
        return any(c.name == name and c.required for c in COLUMNS_BY_TYPE[self.record_type])

    def lookup_key(self, key):
        return key

    def check_row(self, values):
        return []

    def check_references(self, records):
        pass

    def parsers(self):
        raise NotImplementedError


class HeritageValidator(Validator):
    title_column = "title"

    def parsers(self):
        page_length = lambda name: _max_length(HeritageItemPage, name)  # noqa: E731
        listing_lengths = {
            name: _max_length(HeritageListing, name) for name in ("batch", "notice_number")
        }
        return {
            "key": self.parse_key,
            "title": lambda value: parsers.text(value, page_length("title")),
            "category": parsers.category,
            "listings": lambda value: parsers.listings(value, self._listing_type, listing_lengths),
            "region": lambda value: parsers.text(value, 100),
            "protection_unit": lambda value: parsers.text(value, page_length("protection_unit")),
            "summary": parsers.text,
            "body": parsers.paragraphs,
            "tags": parsers.tags,
            "inheritors": self.parse_inheritors,
            "images": lambda value: parsers.image_list(value, self.media),
            "audio": lambda value: parsers.media_list(value, self.media.audio),
            "video": lambda value: parsers.media_list(value, self.media.video),
        }

    def parse_row(self, row_number, cells):
        # The listing type applies to every listing of the row, so read it first.
        self._listing_type = ListingType.NEW.value
        if "listing_type" in self.columns:
            cell = cells[self.columns["listing_type"][0]]
            try:
                self._listing_type = parsers.listing_type(cell)
            except Invalid as error:
                self.add(row_number, "listing_type", error.reasons[0])
                parse_failed = True
            else:
                parse_failed = False
            record = super().parse_row(row_number, cells)
            return None if parse_failed else record
        return super().parse_row(row_number, cells)

    def parse_key(self, value):
        key = parsers.text(value, _max_length(HeritageItemPage, "key"))
        if not fold_project_number(key):
            raise Invalid(self.required_message)
        return key

    def lookup_key(self, key):
        return fold_project_number(key)

    def parse_inheritors(self, value):
        pks, reasons = set(), []
        for reference in parsers.split_list(value):
            by_key = InheritorPage.objects.filter(key=reference).values_list("pk", flat=True)
            matches = list(by_key) or list(
                InheritorPage.objects.filter(title=reference).values_list("pk", flat=True)
            )
            if not matches:
                reasons.append(
                    _("传承人“%(reference)s”不在档案中（按编号或姓名查找）；请先导入传承人。")
                    % {"reference": reference}
                )
            elif len(matches) > 1:
                reasons.append(
                    _("档案中有 %(count)s 位传承人叫“%(reference)s”；请改写编号。")
                    % {"count": len(matches), "reference": reference}
                )
            else:
                pks.add(matches[0])
        if reasons:
            raise Invalid(*reasons)
        return tuple(sorted(pks))


class InheritorValidator(Validator):
    def parsers(self):
        page_length = lambda name: _max_length(InheritorPage, name)  # noqa: E731
        return {
            "key": lambda value: parsers.text(value, page_length("key")),
            "name": lambda value: parsers.text(value, page_length("title")),
            "gender": parsers.gender,
            "ethnicity": lambda value: parsers.text(value, page_length("ethnicity")),
            "birth_year": parsers.birth_year,
            "items": self.parse_items,
            "designations": lambda value: parsers.designations(
                value, _max_length(InheritorDesignation, "batch")
            ),
            "region": lambda value: parsers.text(value, 100),
            "teachers": lambda value: tuple(sorted(parsers.split_list(value))),
            "biography": parsers.text,
            "portrait": lambda value: parsers.portrait(value, self.media),
        }

    def parse_items(self, value):
        pks, reasons = set(), []
        for reference in parsers.split_list(value):
            item = HeritageItemPage.objects.filter(
                key_folded=fold_project_number(reference)
            ).first()
            if item is None:
                reasons.append(
                    _("项目编号“%(reference)s”不在档案中；请先导入该项目。")
                    % {"reference": reference}
                )
            else:
                pks.add(item.pk)
        if reasons:
            raise Invalid(*reasons)
        return tuple(sorted(pks))

    def check_references(self, records):
        in_file = {record.key for record in records}
        wanted = {key for record in records for key in record.values.get("teachers", ())}
        in_archive = set(
            InheritorPage.objects.filter(key__in=wanted - in_file).values_list("key", flat=True)
        )
        for record in records:
            for teacher in record.values.get("teachers", ()):
                if teacher == record.key:
                    self.add(record.row, "teachers", _("传承人不能是自己的师父。"))
                elif teacher not in in_file and teacher not in in_archive:
                    self.add(
                        record.row,
                        "teachers",
                        _("师父编号“%(key)s”既不在档案中，也不在本文件中。") % {"key": teacher},
                    )


class FigureValidator(Validator):
    def parsers(self):
        page_length = lambda name: _max_length(FigurePage, name)  # noqa: E731
        return {
            "key": lambda value: parsers.text(value, page_length("key")),
            "name": lambda value: parsers.text(value, page_length("title")),
            "alt_names": lambda value: parsers.joined_list(value, "、", page_length("alt_names")),
            "era": lambda value: parsers.text(value, page_length("era")),
            "birth_year": parsers.figure_year,
            "death_year": parsers.figure_year,
            "hometown": lambda value: parsers.text(value, page_length("hometown")),
            "field": lambda value: parsers.text(value, page_length("field")),
            "biography": parsers.paragraphs,
            "sources": parsers.sources,
            "tags": parsers.tags,
            "portrait": lambda value: parsers.portrait(value, self.media),
        }

    def check_row(self, values):
        birth, death = values.get("birth_year"), values.get("death_year")
        known = birth and death and birth.year is not None and death.year is not None
        if known and death.year < birth.year:
            return [("death_year", _("卒年不能早于生年。"))]
        return []
