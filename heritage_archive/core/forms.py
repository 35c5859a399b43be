"""The admin's page form for every page of the project."""

from wagtail.admin.forms import WagtailAdminPageForm

from heritage_archive.core.text import pinyin_slug

# Bounded: a parent never holds this many pages of one title.
MAX_SLUG_SUFFIX = 1000


class ArchivePageForm(WagtailAdminPageForm):
    """Wagtail's page form, where a new page's slug may be left empty.

    Wagtail requires the slug, which its editor fills from the title as one
    types; a draft saved (or autosaved) with the field cleared then fails
    with "该字段是必填项". An empty slug of a new page becomes the pinyin of
    the title instead (PinyinSlugMixin turns a Chinese one into pinyin too).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields and self.instance.pk is None:
            self.fields["slug"].required = False

    def clean(self):
        title = (self.cleaned_data.get("title") or "").strip()
        if (
            "slug" in self.fields
            and "slug" not in self.errors
            and not self.cleaned_data.get("slug")
            and self.instance.pk is None
            and title
        ):
            self.cleaned_data["slug"] = self._free_slug(pinyin_slug(title))
        return super().clean()

    def _free_slug(self, base):
        if self.parent_page is None:
            return base
        taken = set(
            self.parent_page.get_children()
            .filter(slug__startswith=base)
            .values_list("slug", flat=True)
        )
        candidate = base
        for suffix in range(2, MAX_SLUG_SUFFIX):
            if candidate not in taken:
                break
            candidate = f"{base}-{suffix}"
        return candidate
