"""python manage.py import_records --type heritage|inheritor|figure [--dry-run] [--media-dir DIR]
    [--user USERNAME] FILE

The format is docs/formats/records-csv.md. Validation reads every row
first; nothing is written unless the whole file is valid.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from heritage_archive.importer.columns import COLUMNS_BY_TYPE
from heritage_archive.importer.problems import ImportProblems
from heritage_archive.importer.readers import ReadError, read_table
from heritage_archive.importer.services import CREATED, UNCHANGED, UPDATED, WRITERS
from heritage_archive.importer.validation import Validator

PROGRESS_EVERY = 50


class Command(BaseCommand):
    help = _("从 CSV 或 XLSX 文件导入非遗项目、传承人或名人记录。")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("要导入的 .csv 或 .xlsx 文件"))
        parser.add_argument(
            "--type",
            required=True,
            choices=sorted(COLUMNS_BY_TYPE),
            dest="record_type",
            help=_("记录类型"),
        )
        parser.add_argument("--dry-run", action="store_true", help=_("只校验，不写入任何内容"))
        parser.add_argument(
            "--media-dir", help=_("图片、音视频路径的起点文件夹（默认：文件所在的文件夹）")
        )
        parser.add_argument("--user", help=_("审计日志中记录的操作用户名（默认：系统）"))

    def handle(self, *args, file, record_type, dry_run, media_dir, user=None, **options):
        account = self.account(user) if user else None
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("找不到文件 %(path)s") % {"path": path})
        media_dir = Path(media_dir) if media_dir else path.resolve().parent
        if not media_dir.is_dir():
            raise CommandError(_("媒体文件夹 %(path)s 不存在。") % {"path": media_dir})
        try:
            table = read_table(path)
        except ReadError as error:
            raise CommandError(str(error)) from None

        self.stdout.write(_("正在校验 %(count)s 行……") % {"count": len(table.rows)})
        records, problems = Validator.for_type(record_type, table, media_dir).validate(
            progress=self.validation_progress
        )
        if problems:
            self.fail(problems, dry_run)

        writer = WRITERS[record_type](stdout=self.stdout, user=account)
        if dry_run:
            plan = writer.plan(records)
            counts = {
                CREATED: sum(1 for _record, page, _changed in plan if page is None),
                UPDATED: sum(1 for _record, page, changed in plan if page is not None and changed),
                UNCHANGED: sum(
                    1 for _record, page, changed in plan if page is not None and not changed
                ),
            }
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "试运行：%(rows)s 行全部有效；将新建 %(created)s 条，更新 %(updated)s 条，"
                        "%(unchanged)s 条不变。未写入任何内容。"
                    )
                    % {"rows": len(records), **counts}
                )
            )
            return

        try:
            counts = writer.write(records)
        except ImportProblems as error:
            self.fail(error.problems, dry_run)
        except DatabaseError as error:
            # The transaction rolled back; say so instead of printing a traceback.
            raise CommandError(
                _("数据库写入失败，已全部撤销，未写入任何内容：%(error)s") % {"error": error}
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("导入完成：新建 %(created)s 条，更新 %(updated)s 条，%(unchanged)s 条不变。")
                % {key: counts[key] for key in (CREATED, UPDATED, UNCHANGED)}
            )
        )
        if counts["linked_inheritors"]:
            self.stdout.write(
                _("另有 %(count)s 位传承人关联了新的项目。")
                % {"count": counts["linked_inheritors"]}
            )

    @staticmethod
    def account(username):
        User = get_user_model()
        try:
            return User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(_("找不到用户 %(name)s。") % {"name": username}) from None

    def validation_progress(self, done, total):
        if done % PROGRESS_EVERY == 0 and done < total:
            self.stdout.write(_("已校验 %(done)s/%(total)s 行……") % {"done": done, "total": total})

    def fail(self, problems, dry_run):
        for problem in problems:
            self.stderr.write(str(problem))
        raise CommandError(
            _("发现 %(count)s 个问题，未写入任何内容。") % {"count": len(problems)}
            if not dry_run
            else _("试运行发现 %(count)s 个问题。") % {"count": len(problems)}
        )
