"""python manage.py export_archive [--include-accounts] DIR

Writes a signed BagIt package of the whole archive (see docs/preservation.md).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from heritage_archive.preservation.backup import PackageError, export_archive


class Command(BaseCommand):
    help = _("把整个档案馆（数据、原始文件、SHA-256 清单）导出为 BagIt 备份包。")

    def add_arguments(self, parser):
        parser.add_argument("directory", help=_("新建或空的目标文件夹"))
        parser.add_argument(
            "--include-accounts",
            action="store_true",
            help=_("连同用户账户（含密码哈希、所属组与权限）一起导出；默认只记用户名。"),
        )

    def handle(self, *args, directory, include_accounts=False, **options):
        try:
            bag = export_archive(
                directory, progress=self.stdout.write, include_accounts=include_accounts
            )
        except PackageError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("备份完成：%(path)s（%(files)s 个文件，%(bytes)s 字节，已用 bagit 校验）。")
                % {
                    "path": bag.path,
                    "files": bag.info.get("Payload-Oxum", ".").split(".")[1],
                    "bytes": bag.info.get("Payload-Oxum", ".").split(".")[0],
                }
            )
        )
