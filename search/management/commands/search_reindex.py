from django.core.management.base import BaseCommand

from search.reindex import reindex


class Command(BaseCommand):
    help = "Rebuild the search table and a new Elasticsearch index, then swap the alias."

    def handle(self, *args, **options):
        summary = reindex(progress=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"重建完成：{summary['records']} 条记录"))
