"""python manage.py export_archive DIR

Writes a BagIt package of the whole archive (see docs/preservation.md).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from heritage_archive.preservation.backup import PackageError, export_archive


class Command(BaseCommand):
    help = _("把整个档案馆（数据、原始文件、SHA-256 清单）导出为 BagIt 备份包。")

    def add_arguments(self, parser):
        parser.add_argument("directory", help=_("新建或空的目标文件夹"))

    def handle(self, *args, directory, **options):
        try:
            bag = export_archive(directory, progress=self.stdout.write)
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
