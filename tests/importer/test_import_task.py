"""The background import leaves no database connection behind."""

import threading
import uuid

import pytest
from django.db import connections

from heritage_archive.importer.jobs import run_import


@pytest.mark.django_db
def test_the_task_closes_the_connections_it_opened():
    """Run as a worker thread would: an open connection left there blocks dropping the database."""
    if connections["default"].vendor == "sqlite" and connections["default"].is_in_memory_db():
        pytest.skip("an in-memory SQLite database is never closed (Django keeps it alive)")
    seen = {}

    def worker():
        # A job that does not exist: the task still queries for it, opening a connection.
        seen["result"] = run_import.call(str(uuid.uuid4()))
        seen["open"] = connections["default"].connection is not None

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert seen == {"result": None, "open": False}
