"""Search's part of the site's health (heritage_archive/core/health.py): the node and the outbox."""

from django.conf import settings
from django.db.models import Count, Min
from django.utils.translation import gettext_lazy as _

from heritage_archive.core.health import Health, age_seconds, health_check, timestamp
from search.backends import elasticsearch
from search.documents import SCHEMA_VERSION
from search.models import IndexingOutboxEntry

# An outbox row normally lives for less than a second (drained after commit,
# else by the worker within its poll interval); one this old means the worker
# is down or Elasticsearch refuses writes (docs/deployment.md, "What to watch").
DEFAULT_OUTBOX_MAX_AGE = 300


# Elasticsearch's own names for its cluster health, as the dashboard says them.
CLUSTER_STATUS_LABELS = {
    "green": _("绿色（正常）"),
    "yellow": _("黄色（副本未分配）"),
    "red": _("红色（有分片不可用）"),
}


@health_check("elasticsearch", _("Elasticsearch 检索"))
def check_elasticsearch():
    if not settings.ELASTICSEARCH_URL:
        return Health(
            "elasticsearch",
            _("Elasticsearch 检索"),
            True,
            _("未配置，检索由数据库承担"),
            {"configured": False},
        )
    # The search client's short timeout: a hung node costs the monitor one second.
    client = elasticsearch.get_search_client()
    status = client.cluster.health()["status"]
    alias = bool(client.indices.exists_alias(name=elasticsearch.alias_name()))
    schema = elasticsearch.index_schema_version(client) if alias else None
    current = schema == SCHEMA_VERSION
    ok = status in ("green", "yellow") and alias and current
    if not alias:
        summary = _("索引别名不存在（需运行 search_reindex）")
    elif not current:
        summary = _("索引结构版本 %(found)s，当前为 %(current)s（需运行 search_reindex）") % {
            "found": schema if schema is not None else "-",
            "current": SCHEMA_VERSION,
        }
    else:
        summary = _("集群状态：%(status)s") % {"status": CLUSTER_STATUS_LABELS.get(status, status)}
    return Health(
        "elasticsearch",
        _("Elasticsearch 检索"),
        ok,
        summary,
        {
            "configured": True,
            "cluster_status": status,
            "alias": alias,
            "schema_version": schema,
            "expected_schema_version": SCHEMA_VERSION,
        },
    )


@health_check("outbox", _("索引待办"))
def check_outbox():
    figures = IndexingOutboxEntry.objects.aggregate(backlog=Count("pk"), oldest=Min("created_at"))
    oldest_age = age_seconds(figures["oldest"])
    limit = getattr(settings, "HEALTH_OUTBOX_MAX_AGE", DEFAULT_OUTBOX_MAX_AGE)
    ok = oldest_age is None or oldest_age <= limit
    if not figures["backlog"]:
        summary = _("无积压")
    else:
        summary = _("积压 %(count)s 条，最早的已等待 %(age)s 秒") % {
            "count": figures["backlog"],
            "age": oldest_age,
        }
    return Health(
        "outbox",
        _("索引待办"),
        ok,
        summary,
        {
            "backlog": figures["backlog"],
            "oldest_at": timestamp(figures["oldest"]),
            "oldest_age_seconds": oldest_age,
            "max_age_seconds": limit,
        },
    )
