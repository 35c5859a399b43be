"""The indexing outbox and the database search table.

A page change writes an IndexingOutboxEntry in the same transaction, so an
update is never lost: if Elasticsearch is down, the row waits until the
worker can apply it. SearchRecord holds every search document as a row and
SearchRecordToken its tokens, an inverted index: the database backend
searches them and the worker keeps them current.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexingOutboxEntry(models.Model):
    class Action(models.TextChoices):
        UPSERT = "upsert", _("更新")
        DELETE = "delete", _("删除")

    page_id = models.PositiveBigIntegerField(_("页面"), db_index=True)
    record_type = models.CharField(_("记录类型"), max_length=20)
    action = models.CharField(_("操作"), max_length=10, choices=Action.choices)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True, db_index=True)
    attempts = models.PositiveIntegerField(_("尝试次数"), default=0)
    last_error = models.TextField(_("最近错误"), blank=True)
    # Which drain holds the row now (search.indexing.claim_entries), and since when.
    claimed_by = models.CharField(_("处理者"), max_length=32, blank=True, db_index=True)
    claimed_at = models.DateTimeField(_("认领时间"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("索引待办")
        verbose_name_plural = _("索引待办")

    def __str__(self):
        return f"{self.action} {self.record_type} {self.page_id}"


class SearchRecord(models.Model):
    """One search document; its tokens are SearchRecordToken rows."""

    record_id = models.CharField(max_length=120, unique=True)
    page_id = models.PositiveBigIntegerField(unique=True)
    type = models.CharField(max_length=20, db_index=True)
    key = models.CharField(max_length=50, blank=True)
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=500, blank=True)
    summary = models.TextField(blank=True)
    title_exact = models.CharField(max_length=255, blank=True)
    category = models.CharField(max_length=40, blank=True, db_index=True)
    level = models.CharField(max_length=20, blank=True, db_index=True)
    region = models.CharField(max_length=100, blank=True, db_index=True)
    year = models.IntegerField(null=True, blank=True, db_index=True)
    era = models.CharField(max_length=50, blank=True, db_index=True)
    published_at = models.DateTimeField(db_index=True)
    title_sort = models.CharField(max_length=500, blank=True)
    version = models.CharField(max_length=40)

    class Meta:
        verbose_name = _("检索记录")
        verbose_name_plural = _("检索记录")

    def __str__(self):
        return self.record_id


class SearchRecordToken(models.Model):
    """One token of one record: the inverted index the database backend searches.

    A query's records are those that have each of its tokens, found through
    the (kind, token, record) index instead of scanning every record's text.
    """

    class Kind(models.TextChoices):
        TEXT = "text", _("正文")
        TITLE = "title", _("标题")
        PINYIN = "pinyin", _("拼音")
        INITIALS = "initials", _("拼音首字母")
        KEY = "key", _("编号")

    # Elasticsearch's whitespace tokenizer also splits tokens at 255 characters;
    # longer ones are cut here, when indexed and when queried alike.
    MAX_LENGTH = 255

    record = models.ForeignKey(SearchRecord, on_delete=models.CASCADE, related_name="token_rows")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    token = models.CharField(max_length=MAX_LENGTH)

    class Meta:
        verbose_name = _("检索词")
        verbose_name_plural = _("检索词")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "token", "record"], name="search_token_kind_token_record"
            )
        ]

    def __str__(self):
        return f"{self.kind}:{self.token}"


class SearchRecordTag(models.Model):
    record = models.ForeignKey(SearchRecord, on_delete=models.CASCADE, related_name="tag_rows")
    name = models.CharField(max_length=100, db_index=True)

    class Meta:
        unique_together = [("record", "name")]

    def __str__(self):
        return self.name


class SearchRecordMedia(models.Model):
    record = models.ForeignKey(SearchRecord, on_delete=models.CASCADE, related_name="media_rows")
    kind = models.CharField(max_length=10, db_index=True)

    class Meta:
        unique_together = [("record", "kind")]

    def __str__(self):
        return self.kind
