import shutil

import pytest
from django.conf import settings


@pytest.fixture(autouse=True, scope="session")
def _remove_test_media():
    """The run's own media folder (see settings.test) goes when the run ends."""
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
