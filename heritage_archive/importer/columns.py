"""The columns of each record type, with their English and Chinese headers.

See docs/formats/records-csv.md; the order here is the order of the
format document.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .problems import Problem


@dataclass(frozen=True)
class Column:
    name: str
    chinese: str
    required: bool = False


HERITAGE_COLUMNS = (
    Column("key", "项目编号", required=True),
    Column("title", "名称", required=True),
    Column("category", "类别", required=True),
    Column("listings", "名录", required=True),
    Column("listing_type", "类型"),
    Column("region", "所属地区"),
    Column("protection_unit", "保护单位"),
    Column("summary", "简介"),
    Column("body", "正文"),
    Column("tags", "标签"),
    Column("inheritors", "传承人"),
    Column("images", "图片"),
    Column("audio", "音频"),
    Column("video", "视频"),
)

INHERITOR_COLUMNS = (
    Column("key", "编号", required=True),
    Column("name", "姓名", required=True),
    Column("gender", "性别"),
    Column("ethnicity", "民族"),
    Column("birth_year", "出生年份"),
    Column("items", "项目编号"),
    Column("designations", "传承人级别"),
    Column("region", "所属地区"),
    Column("teachers", "师承"),
    Column("biography", "简介"),
    Column("portrait", "肖像"),
)

FIGURE_COLUMNS = (
    Column("key", "编号", required=True),
    Column("name", "姓名", required=True),
    Column("alt_names", "字号"),
    Column("era", "时代"),
    Column("birth_year", "生年"),
    Column("death_year", "卒年"),
    Column("hometown", "籍贯"),
    Column("field", "领域"),
    Column("biography", "生平"),
    Column("sources", "参考文献"),
    Column("tags", "标签"),
    Column("portrait", "肖像"),
)

COLUMNS_BY_TYPE = {
    "heritage": HERITAGE_COLUMNS,
    "inheritor": INHERITOR_COLUMNS,
    "figure": FIGURE_COLUMNS,
}


def _header_key(text):
    return "".join(text.split()).lower()


def match_headers(record_type, headers):
    """Map each header as written to its column name.

    Returns ``({column name: (index, header as written)}, problems)``; an
    unknown, repeated or missing required column is a problem on row 1.
    """
    columns = COLUMNS_BY_TYPE[record_type]
    by_spelling = {}
    for column in columns:
        by_spelling[_header_key(column.name)] = column
        by_spelling[_header_key(column.chinese)] = column
    matched = {}
    problems = []
    for index, header in enumerate(headers):
        if not header:
            continue  # an empty spacer column; data under it is reported per row
        column = by_spelling.get(_header_key(header))
        if column is None:
            known = "、".join(f"{c.name}/{c.chinese}" for c in columns)
            problems.append(
                Problem(
                    1,
                    header,
                    _("未知的列；%(type)s 类型可用的列为：%(known)s")
                    % {"type": record_type, "known": known},
                )
            )
        elif column.name in matched:
            problems.append(
                Problem(
                    1,
                    header,
                    _("与“%(other)s”是同一列，重复出现。") % {"other": matched[column.name][1]},
                )
            )
        else:
            matched[column.name] = (index, header)
    for column in columns:
        if column.required and column.name not in matched:
            problems.append(
                Problem(
                    1,
                    column.name,
                    _("缺少必填列（表头写作 %(name)s 或 %(chinese)s）。")
                    % {"name": column.name, "chinese": column.chinese},
                )
            )
    return matched, problems
