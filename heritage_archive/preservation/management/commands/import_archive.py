"""python manage.py import_archive [--include-accounts] DIR

Validates a package written by export_archive and restores it into an empty
site. A package that fails validation, is not signed with this site's key or
holds data restore does not load is refused before anything is written.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from heritage_archive.preservation.backup import (
    NotEmptyError,
    PackageError,
    import_archive,
    verify_restored_files,
)


class Command(BaseCommand):
    help = _("校验 BagIt 备份包，并把它恢复到空站点。")

    def add_arguments(self, parser):
        parser.add_argument("directory", help=_("export_archive 写出的备份包文件夹"))
        parser.add_argument(
            "--include-accounts",
            action="store_true",
            help=_("恢复备份包中的用户账户（本站已有的同名账户不变，超级管理员恢复为普通账户）。"),
        )

    def handle(self, *args, directory, include_accounts=False, **options):
        try:
            counts = import_archive(
                directory, progress=self.stdout.write, include_accounts=include_accounts
            )
        except (PackageError, NotEmptyError) as error:
            raise CommandError(str(error)) from None
        mismatches = verify_restored_files()
        for path, expected, actual in mismatches:
            self.stderr.write(
                _("%(path)s 的 SHA-256 与记录不符（应为 %(expected)s，实为 %(actual)s）")
                % {"path": path, "expected": expected, "actual": actual}
            )
        # The search data is made from the restored pages, never carried in the
        # package: rebuilt here, so the restored site answers searches at once.
        call_command("search_reindex", stdout=self.stdout, stderr=self.stderr)
        self.stdout.write(
            self.style.SUCCESS(
                _("恢复完成：%(rows)s 行数据，检索已重建。") % {"rows": sum(counts.values())}
            )
        )
