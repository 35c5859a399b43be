"""Creates the sample content of ``data`` through the models, idempotently.

Every record is looked up first (pages by slug under their parent, images,
documents and recordings by title, regions by name) and only what is
missing is made, so a second run adds no page, revision or file. Relations
between records of the same kind (related items, teachers, related figures)
point only to records listed earlier, so each page is published once.
"""

import datetime
import io
from collections import Counter

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site
from wagtail.rich_text import RichText

from heritage_archive.core.choices import ListingType, category_numeral
from heritage_archive.core.roles import ensure_roles
from heritage_archive.core.site_tree import ensure_site_tree
from heritage_archive.core.text import pinyin_slug

from . import data
from .images import draw_logo, draw_picture, draw_portrait, make_pdf, make_wav


def sample_summary(text):
    return f"{data.SAMPLE_MARK}{text}"


def paragraphs(*texts):
    """A StreamField value of paragraph blocks."""
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts if text]


def local_datetime(day, hour=9):
    """An aware datetime at ``hour`` o'clock of a 'YYYY-MM-DD' day in the site's time zone."""
    date = datetime.date.fromisoformat(day)
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour)))


class DemoBuilder:
    """Builds the sample site; ``log`` receives one line of progress per step."""

    def __init__(self, log=None):
        self.log = log or (lambda message: None)
        self.created = Counter()
        self.pages = {}
        self.regions = {}

    @transaction.atomic
    def build(self):
        self.pages = ensure_site_tree()
        ensure_roles(self.pages)
        self.log(_("站点栏目树、角色与审核流程已就绪。"))
        steps = [
            (_("地区"), self.build_regions),
            (_("站点设置"), self.build_site_settings),
            (_("首页与栏目导语"), self.build_introductions),
            (_("本馆概况"), self.build_about_page),
            (_("非遗项目"), self.build_heritage_items),
            (_("传承人"), self.build_inheritors),
            (_("安次名人录"), self.build_figures),
            (_("信息发布"), self.build_articles),
            (_("安次文化刊物"), self.build_periodicals),
            (_("艺术欣赏"), self.build_galleries),
            (_("网上培训"), self.build_courses),
            (_("活动开展"), self.build_events),
            (_("活动报名"), self.build_signups),
            (_("文化馆总分馆"), self.build_branches),
        ]
        for label, step in steps:
            before = sum(self.created.values())
            step()
            count = sum(self.created.values()) - before
            self.log(_("%(label)s：新建 %(count)s 条记录。") % {"label": label, "count": count})
        return self.created

    # Files --------------------------------------------------------------

    def image(self, title, alt, draw, filename):
        """The sample image titled ``示例·title``, drawn by ``draw()`` when missing.

        New images pass the same validation as an upload in the admin.
        """
        from heritage_archive.media.images.models import ArchiveImage
        from heritage_archive.media.images.validation import validate_image_file

        full_title = f"{data.SAMPLE_TITLE_PREFIX}{title}"
        existing = ArchiveImage.objects.filter(title=full_title).first()
        if existing is not None:
            return existing
        file = ImageFile(io.BytesIO(draw()), name=filename)
        validate_image_file(file)
        image = ArchiveImage(title=full_title, description=alt, file=file, is_sample=True)
        image._set_image_file_metadata()
        image.save()
        self.created["ArchiveImage"] += 1
        return image

    def picture(self, title, alt=None, slug=None):
        slug = slug or pinyin_slug(title)
        return self.image(
            title, alt or title, lambda: draw_picture(title, label=title), f"demo-{slug}.jpg"
        )

    def portrait(self, name, slug):
        return self.image(
            f"{name}肖像",
            f"{name}的示例肖像（剪影）",
            lambda: draw_portrait(name, label=name),
            f"demo-portrait-{slug}.jpg",
        )

    def document(self, title, content, filename):
        from heritage_archive.media.mediafiles.models import ArchiveDocument

        full_title = f"{data.SAMPLE_TITLE_PREFIX}{title}"
        existing = ArchiveDocument.objects.filter(title=full_title).first()
        if existing is not None:
            return existing
        document = ArchiveDocument(
            title=full_title, file=ContentFile(content, name=filename), is_sample=True
        )
        document._set_document_file_metadata()
        document.save()
        self.created["ArchiveDocument"] += 1
        return document

    def audio(self, title, slug):
        from heritage_archive.media.mediafiles.models import ArchiveMedia

        full_title = f"{data.SAMPLE_TITLE_PREFIX}{title}"
        existing = ArchiveMedia.objects.filter(title=full_title).first()
        if existing is not None:
            return existing
        content, duration = make_wav(title)
        media = ArchiveMedia.objects.create(
            title=full_title,
            file=ContentFile(content, name=f"demo-{slug}.wav"),
            type="audio",
            duration=duration,
            is_sample=True,
        )
        self.created["ArchiveMedia"] += 1
        return media

    # Pages --------------------------------------------------------------

    def find_child(self, parent, slug):
        """The child of ``parent`` with ``slug`` (specific), or None."""
        existing = parent.get_children().filter(slug=slug).first()
        return existing.specific if existing is not None else None

    def add_child(self, parent, slug, page):
        """Add ``page`` under ``parent`` and publish it as its first revision."""
        page.slug = slug
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created[type(page).__name__] += 1
        return page

    def update_if_empty(self, page, **values):
        """Fill the empty fields of an existing page and publish it; leave it alone otherwise."""
        changed = False
        for name, value in values.items():
            if not getattr(page, name):
                setattr(page, name, value)
                changed = True
        if changed:
            page.save_revision(log_action=True).publish()
            self.created[type(page).__name__ + _("（补充）")] += 1

    # Steps ----------------------------------------------------------------

    def build_regions(self):
        from heritage_archive.core.models import Region

        for name, kind in data.REGIONS:
            region, created = Region.objects.get_or_create(
                name=name, defaults={"kind": kind, "is_sample": True}
            )
            self.regions[name] = region
            self.created["Region"] += created

    def build_site_settings(self):
        from heritage_archive.core.models import FriendlyLink, SiteSettings

        site = Site.objects.get(is_default_site=True)
        settings = SiteSettings.for_site(site)
        changed = False
        for name, value in data.SITE_SETTINGS.items():
            if not getattr(settings, name):
                setattr(settings, name, value)
                changed = True
        if settings.logo_id is None:
            settings.logo = self.image(
                "安次区文化馆标志", "安次区文化馆标志", draw_logo, "demo-logo.png"
            )
            changed = True
        if changed:
            settings.save()
            self.created["SiteSettings"] += 1
        for order, (title, url) in enumerate(data.FRIENDLY_LINKS):
            if not FriendlyLink.objects.filter(settings=settings, title=title).exists():
                FriendlyLink.objects.create(
                    settings=settings, title=title, url=url, sort_order=order
                )
                self.created["FriendlyLink"] += 1

    def build_introductions(self):
        home = self.pages["home"]
        hero = self.picture("安次区文化馆外景", "安次区文化馆外景（示例图）", "home-hero")
        self.update_if_empty(home, intro=data.HOME_INTRO, hero_image=hero)
        for key, introduction in data.SECTION_INTRODUCTIONS.items():
            self.update_if_empty(self.pages[key], introduction=introduction)

    def build_about_page(self):
        self.update_if_empty(
            self.pages["about"],
            introduction=data.ABOUT_INTRODUCTION,
            body=paragraphs(*data.ABOUT_BODY),
        )

    def build_heritage_items(self):
        parent = self.pages["heritage_items"]
        numbers = Counter()
        self.items = {}
        for spec in data.HERITAGE_ITEMS:
            # Numbered within the category in list order: the 3rd 曲艺 item is Ⅴ-3.
            numbers[spec["category"]] += 1
            slug = pinyin_slug(spec["title"])
            page = self.find_child(parent, slug) or self.add_child(
                parent, slug, self.new_heritage_item(spec, numbers[spec["category"]], slug)
            )
            self.items[spec["title"]] = page

    def new_heritage_item(self, spec, number, slug):
        from heritage_archive.records.heritage.models import (
            HeritageItemImage,
            HeritageItemMedia,
            HeritageItemPage,
            HeritageListing,
        )

        numeral = category_numeral(spec["category"])
        page = HeritageItemPage(
            title=spec["title"],
            key=f"{numeral}-{number}",
            category=spec["category"],
            region=self.regions[spec["region"]],
            protection_unit=spec["unit"],
            applicant=spec["unit"],
            summary=sample_summary(spec["summary"]),
            body=paragraphs(*spec["body"], "（本条目为演示用示例内容。）"),
            is_sample=True,
        )
        page.listings = [
            self.listing(HeritageListing, rung, numeral, number) for rung in spec["ladder"]
        ]
        page.gallery_images = [
            HeritageItemImage(
                image=self.picture(
                    f"{spec['title']}：{caption}",
                    f"{spec['title']}示例图：{caption}",
                    f"{slug}-{index}",
                ),
                caption=caption,
            )
            for index, caption in enumerate(spec["images"], start=1)
        ]
        if spec.get("audio"):
            page.media_items = [
                HeritageItemMedia(
                    media=self.audio(f"{spec['title']}录音片段", slug),
                    caption=f"{spec['title']}录音片段（示例）",
                )
            ]
        page.related_items = [self.items[title] for title in spec.get("related", [])]
        page.tags.add(*spec["tags"])
        return page

    def listing(self, model, rung, numeral, number):
        level, year, *rest = rung
        batch, notice = data.LISTING_BATCHES[(level, year)]
        offset = data.PROJECT_NUMBER_OFFSETS.get(level)
        return model(
            level=level,
            batch=batch,
            year=year,
            notice_number=notice,
            project_number="" if offset is None else f"{numeral}-{number + offset}",
            listing_type=ListingType.EXTENSION if data.EXTENSION in rest else ListingType.NEW,
        )

    def build_inheritors(self):
        parent = self.pages["inheritors"]
        self.inheritors = {}
        for spec in data.INHERITORS:
            slug = spec["key"].lower()
            page = self.find_child(parent, slug) or self.add_child(
                parent, slug, self.new_inheritor(spec, slug)
            )
            self.inheritors[spec["name"]] = page

    def new_inheritor(self, spec, slug):
        from heritage_archive.records.inheritors.models import (
            InheritorDesignation,
            InheritorMedia,
            InheritorPage,
        )

        items = "、".join(spec["items"])
        page = InheritorPage(
            title=spec["name"],
            key=spec["key"],
            gender=spec["gender"],
            birth_year=spec["birth_year"],
            region=self.regions[spec["region"]],
            summary=sample_summary(f"{items}代表性传承人。{spec['summary']}"),
            biography=paragraphs(spec["summary"], "本条为演示用虚构人物，姓名与经历均非真实。"),
            portrait=self.portrait(spec["name"], slug),
            is_sample=True,
        )
        page.designations = [
            InheritorDesignation(level=level, batch=batch, year=year)
            for level, batch, year in spec["designations"]
        ]
        page.items = [self.items[title] for title in spec["items"]]
        # The lineage's eldest carries the recording of their item, as an archive would.
        first_item = next(item for item in data.HERITAGE_ITEMS if item["title"] == spec["items"][0])
        if first_item.get("audio") and not spec["teachers"]:
            page.media_items = [
                InheritorMedia(
                    media=self.audio(
                        f"{first_item['title']}录音片段", pinyin_slug(first_item["title"])
                    ),
                    caption=f"{spec['name']}演示录音（示例）",
                )
            ]
        page.teachers = [self.inheritors[name] for name in spec["teachers"]]
        page.tags.add(*spec["items"])
        return page

    def build_figures(self):
        parent = self.pages["figures"]
        earlier = []
        for spec in data.FIGURES:
            slug = spec["key"].lower()
            # Earlier figures sharing a tag (e.g. 明清) are related.
            related = [page for page, tags in earlier if set(tags) & set(spec["tags"])]
            page = self.find_child(parent, slug) or self.add_child(
                parent, slug, self.new_figure(spec, slug, related)
            )
            earlier.append((page, spec["tags"]))

    def new_figure(self, spec, slug, related_figures):
        from heritage_archive.records.figures.models import FigurePage

        (birth, birth_approximate), (death, death_approximate) = spec["birth"], spec["death"]
        page = FigurePage(
            title=spec["name"],
            key=spec["key"],
            alt_names=spec["alt_names"],
            era=spec["era"],
            birth_year=birth,
            birth_year_approximate=birth_approximate,
            death_year=death,
            death_year_approximate=death_approximate,
            hometown=spec["hometown"],
            field=spec["field"],
            summary=sample_summary(f"{spec['summary']}（演示用虚构人物）"),
            biography=paragraphs(
                spec["summary"], "本条为演示用虚构人物，生平与文献均非真实历史记载。"
            ),
            sources="\n".join(data.FIGURE_SOURCES),
            portrait=self.portrait(spec["name"], slug),
            is_sample=True,
        )
        page.related_items = [self.items[title] for title in spec["related_items"]]
        page.related_figures = related_figures
        page.tags.add(*spec["tags"])
        return page

    def build_articles(self):
        from heritage_archive.site.news.models import ArticlePage

        for channel_key, articles in data.ARTICLES.items():
            channel = self.pages[channel_key]
            for title, day, source, editor, views, text in articles:
                slug = pinyin_slug(title)
                if self.find_child(channel, slug):
                    continue
                page = ArticlePage(
                    title=title,
                    date=datetime.date.fromisoformat(day),
                    source=source,
                    editor=editor,
                    summary=sample_summary(text),
                    # The text is the summary, shown as the lead; the body carries
                    # only what the lead does not say, so the page never repeats it.
                    body=paragraphs("（本文为演示用示例内容，人物与数据均为虚构。）"),
                    cover_image=self.picture(title, f"配图：{title}", slug),
                    view_count=views,
                    first_published_at=local_datetime(day),
                )
                page.tags.add(channel.title)
                self.add_child(channel, slug, page)

    def build_periodicals(self):
        from heritage_archive.site.news.models import PeriodicalIssuePage

        parent = self.pages["periodicals"]
        for spec in data.PERIODICAL_ISSUES:
            if self.find_child(parent, spec["slug"]):
                continue
            title = spec["title"]
            lines = [spec["issue_number"], "", *spec["summary"].split("；"), "", "（示例刊物）"]
            cover = self.image(
                f"{title}封面",
                f"{title}封面（示例）",
                lambda title=title: draw_picture(title, label=title, size=(300, 424)),
                f"demo-kanwu-{spec['slug']}.jpg",
            )
            pdf = self.document(
                title, make_pdf(title, lines), f"demo-anci-wenhua-{spec['slug']}.pdf"
            )
            page = PeriodicalIssuePage(
                title=title,
                issue_number=spec["issue_number"],
                date=datetime.date.fromisoformat(spec["date"]),
                cover_image=cover,
                pdf=pdf,
                summary=sample_summary(spec["summary"]),
            )
            self.add_child(parent, spec["slug"], page)

    def build_galleries(self):
        parent = self.pages["galleries"]
        for spec in data.GALLERIES:
            gallery = self.find_child(parent, spec["slug"]) or self.add_child(
                parent, spec["slug"], self.new_gallery(spec)
            )
            for artwork in spec["artworks"]:
                slug = pinyin_slug(artwork[0])
                if not self.find_child(gallery, slug):
                    self.add_child(gallery, slug, self.new_artwork(artwork, slug, spec["tags"]))

    def new_gallery(self, spec):
        from heritage_archive.site.galleries.models import GalleryImage, GalleryPage

        page = GalleryPage(
            title=spec["title"],
            date=datetime.date.fromisoformat(spec["date"]),
            introduction=sample_summary(spec["introduction"]),
        )
        page.gallery_images = [
            GalleryImage(
                image=self.picture(
                    f"{spec['title']}：{caption}",
                    f"{spec['title']}示例图：{caption}",
                    f"{spec['slug']}-{index}",
                ),
                caption=caption,
            )
            for index, caption in enumerate(spec["images"], start=1)
        ]
        page.tags.add(*spec["tags"])
        return page

    def new_artwork(self, artwork, slug, tags):
        from heritage_archive.site.galleries.models import ArtworkPage

        title, artist, year, medium, dimensions, description = artwork
        page = ArtworkPage(
            title=title,
            artist=artist,
            year=year,
            medium=medium,
            dimensions=dimensions,
            image=self.picture(title, f"{artist}作品{title}（示例图）", slug),
            description=sample_summary(description),
        )
        page.tags.add(*tags)
        return page

    def build_courses(self):
        from heritage_archive.site.training.models import CoursePage, LessonPage

        parent = self.pages["training"]
        for spec in data.COURSES:
            course = self.find_child(parent, spec["slug"])
            if course is None:
                course = CoursePage(
                    title=spec["title"],
                    teacher=spec["teacher"],
                    audience=spec["audience"],
                    summary=sample_summary(spec["summary"]),
                    cover_image=self.picture(f"{spec['title']}课程封面", slug=spec["slug"]),
                    body=paragraphs("（本课程为演示用示例内容。）"),
                )
                course.tags.add(*spec["tags"])
                self.add_child(parent, spec["slug"], course)
            for number, lesson in enumerate(spec["lessons"], start=1):
                slug = f"di-{number}-ke"
                if self.find_child(course, slug):
                    continue
                page = LessonPage(
                    # The number is a field of its own, printed beside the title.
                    title=lesson,
                    lesson_number=number,
                    body=paragraphs(
                        f"{data.SAMPLE_MARK}本课讲授{lesson}。",
                        f"授课教师：{spec['teacher']}。课程视频待上传（示例）。",
                    ),
                )
                self.add_child(course, slug, page)

    def build_events(self):
        from heritage_archive.site.events.models import EventPage

        parent = self.pages["events"]
        # Relative to the first run, so a fresh site has events on both sides of today.
        this_morning = timezone.localtime().replace(hour=9, minute=30, second=0, microsecond=0)
        for title, days, hours, location, summary in data.EVENTS:
            slug = pinyin_slug(title)
            if self.find_child(parent, slug):
                continue
            start = this_morning + datetime.timedelta(days=days)
            page = EventPage(
                title=title,
                start_at=start,
                end_at=start + datetime.timedelta(hours=hours),
                location=location,
                summary=sample_summary(summary),
                image=self.picture(title, f"活动配图：{title}", slug),
                body=paragraphs("（本活动为演示用示例内容。）"),
            )
            page.tags.add("文化活动")
            self.add_child(parent, slug, page)

    def build_signups(self):
        """One event open for sign-up and one course already full, with a waitlist."""
        from heritage_archive.site.events.models import EventPage
        from heritage_archive.site.signups import booking
        from heritage_archive.site.signups.forms import notice_version
        from heritage_archive.site.signups.models import Signup
        from heritage_archive.site.training.models import CoursePage

        event = self.find_child(self.pages["events"], pinyin_slug(data.SIGNUP_EVENT))
        course = self.find_child(self.pages["training"], data.SIGNUP_COURSE)
        if not isinstance(event, EventPage) or not isinstance(course, CoursePage):
            return
        if not event.signup_enabled:
            event.signup_enabled = True
            event.signup_capacity = data.SIGNUP_EVENT_CAPACITY
            event.signup_per_person_limit = 2
            event.save_revision().publish()
        if not course.signup_enabled:
            course.signup_enabled = True
            course.signup_capacity = len(data.SIGNUP_COURSE_PEOPLE) - data.SIGNUP_COURSE_WAITING
            course.signup_waitlist = True
            course.course_ends_at = timezone.now() + datetime.timedelta(days=60)
            course.signup_extra_fields = [
                ("field", {"label": "年龄", "reason": "按年龄分班教学", "required": False})
            ]
            course.save_revision().publish()
        if Signup.objects.filter(page=course).exists():
            return
        for name, phone in data.SIGNUP_COURSE_PEOPLE:
            booking.book(
                course, name=name, phone=phone, seats=1, extra={}, notice_version=notice_version()
            )
            self.created["Signup"] += 1

    def build_branches(self):
        from heritage_archive.site.branches.models import BranchImage, BranchPage

        parent = self.pages["branches"]
        for title, slug, level, township, address, hours, phone, text in data.BRANCHES:
            if self.find_child(parent, slug):
                continue
            page = BranchPage(
                title=title,
                branch_level=level,
                township=self.regions[township],
                address=f"{address}（示例地址）",
                opening_hours=hours,
                phone=f"{phone}（示例）",
                body=paragraphs(sample_summary(text)),
            )
            captions = (
                ["外景"] if level == BranchPage.BranchLevel.SERVICE_POINT else ["外景", "活动室"]
            )
            page.gallery_images = [
                BranchImage(
                    image=self.picture(
                        f"{title}{caption}", f"{title}{caption}（示例图）", f"{slug}-{index}"
                    ),
                    caption=caption,
                )
                for index, caption in enumerate(captions, start=1)
            ]
            self.add_child(parent, slug, page)
