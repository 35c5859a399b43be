import time

from django.core.management.base import BaseCommand

from search.indexing import BATCH_SIZE, drain_outbox
from search.models import IndexingOutboxEntry


class Command(BaseCommand):
    help = "Apply the search indexing outbox to the search table and Elasticsearch, in bulk."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Drain the outbox and exit.")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument("--sleep", type=float, default=2.0, help="Seconds between polls.")

    def handle(self, *args, once=False, batch_size=BATCH_SIZE, sleep=2.0, **options):
        while True:
            applied, failed = drain_outbox(batch_size=batch_size)
            if applied or failed:
                waiting = IndexingOutboxEntry.objects.count()
                self.stdout.write(f"已应用 {applied} 个页面，失败 {failed} 个，待处理 {waiting} 条")
            if once and (failed or not applied):
                if failed:
                    self.stderr.write("Elasticsearch 写入失败，待办已保留，稍后重试。")
                return
            if failed or not applied:
                time.sleep(sleep)
