from django.core.management.base import BaseCommand, CommandError

from search.reindex import has_drift, reconcile


class Command(BaseCommand):
    help = (
        "Report (and with --repair fix) drift between live records, the search table and the index."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Fix the drift found.")

    def handle(self, *args, repair=False, **options):
        report = reconcile(repair=repair, progress=self.stdout.write)
        for target, drift in report.items():
            for kind, record_ids in drift.items():
                if record_ids:
                    shown = ", ".join(record_ids[:20])
                    self.stdout.write(f"{target} {kind}: {shown}")
        if has_drift(report) and not repair:
            raise CommandError("检索数据与数据库不一致；用 --repair 修复。", returncode=1)
        self.stdout.write(self.style.SUCCESS("已修复。" if has_drift(report) else "没有偏差。"))
