"""Record builders for tests: real pages in the real site tree, published."""

from heritage_archive.core.choices import Category, Level
from heritage_archive.records.heritage.models import HeritageItemPage, HeritageListing
from heritage_archive.records.inheritors.models import InheritorPage


def make_heritage_item(
    pages,
    *,
    title="安次快板",
    key="Ⅴ-3",
    category=Category.QUYI,
    ladder=((Level.COUNTY, 2009), (Level.MUNICIPAL, 2013)),
    slug=None,
    **fields,
):
    item = HeritageItemPage(
        title=title, slug=slug or f"item-{abs(hash(key)) % 10**8}", key=key,
        category=category, **fields,
    )  # fmt: skip
    for level, year in ladder:
        item.listings.add(HeritageListing(level=level, year=year, batch="第一批"))
    pages["heritage_items"].add_child(instance=item)
    item.save_revision().publish()
    return item


def make_inheritor(pages, *, title="张师傅", key="CCR-001", **fields):
    inheritor = InheritorPage(title=title, slug=f"inheritor-{key.lower()}", key=key, **fields)
    pages["inheritors"].add_child(instance=inheritor)
    inheritor.save_revision().publish()
    return inheritor
