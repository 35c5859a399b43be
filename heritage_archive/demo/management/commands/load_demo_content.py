from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from heritage_archive.demo.builder import DemoBuilder


class Command(BaseCommand):
    help = "载入示例内容（可重复运行，只补建缺少的记录）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="已有任何非遗项目时什么也不做（供 make run 使用）。",
        )

    def handle(self, *args, if_empty=False, **options):
        from heritage_archive.records.heritage.models import HeritageItemPage

        if if_empty and HeritageItemPage.objects.exists():
            self.stdout.write(_("已有非遗项目，跳过载入示例内容。"))
            return
        created = DemoBuilder(log=self.stdout.write).build()
        total = sum(created.values())
        if not total:
            self.stdout.write(self.style.SUCCESS(_("示例内容已齐全，没有需要新建的记录。")))
            return
        details = "，".join(f"{name} {count}" for name, count in sorted(created.items()))
        self.stdout.write(
            self.style.SUCCESS(
                _("示例内容已载入：共新建 %(total)s 条（%(details)s）。")
                % {"total": total, "details": details}
            )
        )
