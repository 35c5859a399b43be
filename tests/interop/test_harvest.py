"""A real harvester (oaipmh-scythe) harvests the whole repository over HTTP."""

from collections import Counter

import pytest
from oaipmh_scythe import Scythe

from heritage_archive.core.choices import Category
from heritage_archive.interop import records
from heritage_archive.records.heritage.models import HeritageItemPage
from tests.factories import make_heritage_item, make_inheritor
from tests.utils import build_site

from .helpers import make_figure

# The live server needs committed data, so this runs in a transactional
# database; serialized_rollback puts back the rows migrations made (Wagtail's
# root page) once the tables are flushed, for the tests that run after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def repository(settings):
    """60 published records (two pages at a page size of 50), one draft and one deleted."""
    settings.OAI_PAGE_SIZE = 50
    pages = build_site()
    categories = list(Category)
    published = []
    for number in range(1, 41):
        published.append(make_heritage_item(
            pages, title=f"项目{number}", key=f"Ⅴ-{number}", slug=f"item-{number}",
            category=categories[number % len(categories)],
        ))  # fmt: skip
    for number in range(1, 13):
        published.append(make_inheritor(pages, title=f"传承人{number}", key=f"CCR-{number:03d}"))
    for number in range(1, 9):
        published.append(make_figure(pages, title=f"名人{number}", key=f"MR-{number:03d}"))
    draft = HeritageItemPage(
        title="草稿项目", slug="draft", key="Ⅹ-99", category=Category.FOLK_CUSTOM, live=False
    )
    pages["heritage_items"].add_child(instance=draft)
    gone = make_heritage_item(pages, title="已删除项目", key="Ⅹ-98", slug="gone")
    gone_identifier = records.identifier_for(gone)
    HeritageItemPage.objects.get(pk=gone.pk).delete()
    return {
        "published": {records.identifier_for(page) for page in published},
        "draft": records.identifier_for(draft),
        "deleted": gone_identifier,
    }


def test_harvester_finds_every_published_record_exactly_once(live_server, repository):
    with Scythe(f"{live_server.url}/oai/") as scythe:
        harvested = [
            record.header.identifier for record in scythe.list_records(ignore_deleted=True)
        ]
        headers = list(scythe.list_identifiers())
        figures = [record.header.identifier for record in scythe.list_records(set_="type:figure")]
    counts = Counter(harvested)
    assert len(harvested) == 60
    assert set(counts) == repository["published"]
    assert max(counts.values()) == 1
    assert repository["draft"] not in counts
    deleted = [header.identifier for header in headers if header.deleted]
    assert deleted == [repository["deleted"]]
    assert len(headers) == 61
    assert sorted(figures) == sorted(i for i in repository["published"] if ":figure:" in i)
