import contextlib

import pytest
from django.conf import settings


@pytest.fixture(autouse=True, scope="session")
def _delete_this_runs_indices():
    """Delete every index of this run's prefix at the end, whichever test wrote it."""
    yield
    if settings.ELASTICSEARCH_URL:
        from search.backends.elasticsearch import delete_all_indices

        # A node that is down has already failed (or skipped) the tests that needed it.
        with contextlib.suppress(Exception):
            delete_all_indices()
