import shutil

import pytest
from django.conf import settings
from django.core.cache import caches


@pytest.fixture(autouse=True, scope="session")
def _remove_test_media():
    """The run's own media and import folders (see settings.test) go when the run ends."""
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    shutil.rmtree(settings.IMPORT_WORK_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def _clear_renditions_cache():
    """Each test rolls its rows back and ids repeat, so renditions cached in
    this process by an earlier test would stand in for rows that are gone."""
    caches["renditions"].clear()
    yield


@pytest.fixture(autouse=True)
def _clear_default_cache():
    """Cached fragments (core.fragments) of an earlier test's rolled-back pages must not show."""
    caches["default"].clear()
    yield


@pytest.fixture(autouse=True)
def _close_elasticsearch_breaker():
    """A test that made the node fail must not leave later tests searching the database."""
    from search.backends.elasticsearch import reset_breakers

    reset_breakers()
    yield
    reset_breakers()


@pytest.fixture(autouse=True)
def _forget_private_collections():
    """Rolled-back restrictions send no signal, so the cached private collections go too."""
    from heritage_archive.core.visibility import forget_private_collections

    forget_private_collections()
    yield
