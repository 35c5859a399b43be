from django.core.management.base import BaseCommand

from heritage_archive.core.page_cache import flush_view_counts


class Command(BaseCommand):
    help = "把页面缓存中累计的点击次数写入数据库（由定时器每分钟运行）。"

    def handle(self, *args, **options):
        pages, views = flush_view_counts()
        self.stdout.write(f"已写入 {pages} 个页面的 {views} 次点击。")
