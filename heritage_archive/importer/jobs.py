"""The admin's import: upload, dry run, confirm, run in the background, report.

The same reading, validation and writing as ``import_records`` (readers,
validation, services); what this adds is the job that keeps them apart in
time: the dry-run report stored for the confirmation, the progress a
browser polls while the task writes, and the audit log entries.
"""

import json
import os
import time

from django.db import DatabaseError, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.log_actions import log

from .models import ImportJob
from .problems import ImportProblems
from .readers import ReadError, read_table
from .services import CREATED, UNCHANGED, UPDATED, WRITERS
from .uploads import (
    UploadProblem,
    media_folder,
    new_folder,
    remove_folder,
    save_sheet,
    sheet_path,
    unpack_media,
)
from .validation import Validator

CONFIRM_ACTION = "importer.confirm"
FINISH_ACTION = "importer.finish"
PROGRESS_FILE = "progress.json"
# The progress file is rewritten at most this often (seconds), and at the end.
PROGRESS_INTERVAL = 0.5


def start(user, record_type, sheet, media_zip=None):
    """Store the upload privately and dry-run it; return the job.

    Raises UploadProblem or ReadError (nothing kept) when the files
    themselves are refused; problems inside the sheet are the report's.
    """
    job = ImportJob(
        user=user,
        record_type=record_type,
        sheet_name=sheet.name[:255],
        media_name=media_zip.name[:255] if media_zip else "",
    )
    folder = new_folder(job.id)
    try:
        save_sheet(sheet, folder)
        if media_zip:
            unpack_media(media_zip, folder)
        job.report = dry_run(record_type, folder)
    except (UploadProblem, ReadError):
        remove_folder(folder)
        raise
    job.status = ImportJob.Status.INVALID if job.report["problems"] else ImportJob.Status.READY
    job.save()
    if job.status == ImportJob.Status.INVALID:
        # The report is stored; the files are of no further use.
        remove_folder(folder)
    return job


def validate(record_type, folder):
    table = read_table(sheet_path(folder))
    records, problems = Validator.for_type(record_type, table, media_folder(folder)).validate()
    return table, records, problems


def dry_run(record_type, folder):
    """What the import would do, row by row, without writing anything."""
    table, records, problems = validate(record_type, folder)
    rows_with_problems = {problem.row for problem in problems}
    plan = WRITERS[record_type]().plan(r for r in records if r.row not in rows_with_problems)
    rows = []
    for record, page, changed in plan:
        action = CREATED if page is None else UPDATED if changed else UNCHANGED
        rows.append(
            {
                "row": record.row,
                "key": record.key,
                "title": record.title,
                "action": action,
                "changed": [] if page is None else [record.headers.get(c, c) for c in changed],
            }
        )
    counts = {action: sum(1 for row in rows if row["action"] == action) for action in
              (CREATED, UPDATED, UNCHANGED)}  # fmt: skip
    counts["error_rows"] = len(rows_with_problems)
    return {
        "total": len(table.rows),
        "rows": rows,
        "problems": [
            {"row": problem.row, "column": problem.column, "reason": str(problem.reason)}
            for problem in problems
        ],
        "counts": counts,
    }


def confirm(job, user):
    """Queue a job whose dry run passed; the task starts once this commits."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.status != ImportJob.Status.READY:
            return job
        job.status = ImportJob.Status.QUEUED
        job.save(update_fields=["status"])
        log(job, CONFIRM_ACTION, user=user, data=_log_data(job))
        transaction.on_commit(lambda: run_import.enqueue(str(job.pk)))
    return job


@task()
def run_import(job_id):
    """The background import, run by the tasks backend (``manage.py db_worker`` in production)."""
    try:
        return run(job_id)
    finally:
        close_connections()


def close_connections():
    """Close the connections the import opened, once it is over.

    A worker thread's connections otherwise stay open until the process
    ends: an idle session holding the database (a test run could not drop
    its test database: "is being accessed by other users"). A connection
    still inside a transaction belongs to whoever called the task inline
    (the immediate backend in a test's transaction) and is left alone;
    closing it would roll that transaction back. Django reconnects on the
    next query, so the worker itself is unaffected.
    """
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()


def run(job_id):
    """The task's body: validate again (the archive may have changed), then write."""
    job = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).first()
    if job is None:
        return None
    job.status = ImportJob.Status.RUNNING
    job.save(update_fields=["status"])
    try:
        result = _write(job)
    except Exception as error:
        # Anything unforeseen still ends the job (the transaction rolled back).
        result = {"error": _("导入失败，已全部撤销：%(error)s") % {"error": error}}
    job.result = result
    job.status = ImportJob.Status.FAILED if "error" in result else ImportJob.Status.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["result", "status", "finished_at"])
    log(job, FINISH_ACTION, user=job.user, data={**_log_data(job), **result})
    remove_folder(job.folder)
    return result


def _write(job):
    try:
        _table, records, problems = validate(job.record_type, job.folder)
    except (ReadError, FileNotFoundError) as error:
        return {"error": str(error)}
    if problems:
        return _problems_result(problems)
    reporter = ProgressReporter(job)
    reporter(0, len(records))
    writer = WRITERS[job.record_type](user=job.user, on_progress=reporter)
    try:
        counts = writer.write(records)
    except ImportProblems as error:
        return _problems_result(error.problems)
    except DatabaseError as error:
        return {
            "error": _("数据库写入失败，已全部撤销，未写入任何内容：%(error)s") % {"error": error}
        }
    return {key: counts[key] for key in (CREATED, UPDATED, UNCHANGED)}


def _problems_result(problems):
    return {
        "error": _("发现 %(count)s 个问题，未写入任何内容。") % {"count": len(problems)},
        "problems": [{"row": p.row, "column": p.column, "reason": str(p.reason)} for p in problems],
    }


def _log_data(job):
    return {
        "record_type": job.record_type,
        "sheet": job.sheet_name,
        "media": job.media_name,
        "counts": job.report.get("counts", {}),
    }


class ProgressReporter:
    """Writes n/total to the job's folder, outside the import's transaction.

    The rows the import writes are invisible to other connections until it
    commits, so progress cannot go through the database; a small file read
    by progress_of is seen at once by the web process.
    """

    def __init__(self, job):
        self.path = job.folder / PROGRESS_FILE
        self.last = 0.0

    def __call__(self, done, total):
        now = time.monotonic()
        if done < total and done and now - self.last < PROGRESS_INTERVAL:
            return
        self.last = now
        partial = self.path.with_suffix(".part")
        partial.write_text(json.dumps({"done": done, "total": total}))
        os.replace(partial, self.path)


def progress_of(job):
    """{"status", "done", "total", "finished"} for the progress page's polling."""
    total = job.report.get("total", 0)
    done = 0
    if job.status == ImportJob.Status.RUNNING:
        try:
            written = json.loads((job.folder / PROGRESS_FILE).read_text())
            done, total = written["done"], written["total"]
        except (OSError, ValueError, KeyError):
            pass
    elif job.status in (ImportJob.Status.DONE, ImportJob.Status.FAILED):
        done = sum(job.result.get(key, 0) for key in (CREATED, UPDATED, UNCHANGED))
        total = done if job.status == ImportJob.Status.DONE else total
    finished = job.status in (ImportJob.Status.DONE, ImportJob.Status.FAILED)
    return {
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "done": done,
        "total": total,
        "finished": finished,
    }
