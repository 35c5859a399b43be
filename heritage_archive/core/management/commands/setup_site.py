from django.core.management.base import BaseCommand

from heritage_archive.core.roles import ensure_roles
from heritage_archive.core.site_tree import ensure_site_tree


class Command(BaseCommand):
    help = "创建站点栏目树、编辑角色与审核流程（可重复运行）。"

    def handle(self, *args, **options):
        pages = ensure_site_tree()
        ensure_roles(pages)
        self.stdout.write(
            self.style.SUCCESS(f"站点树就绪：{len(pages)} 个栏目页面；角色与审核流程就绪。")
        )
