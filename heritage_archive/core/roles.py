"""Curator roles and the moderation workflow on the heritage records.

- 非遗管理员 adds and edits heritage items, inheritors and figures, and
  submits them for moderation; they cannot publish by hand. They alone
  (and superusers) may import sheets in the admin, which publishes what a
  confirmed dry run showed, as ``import_records`` does.
- 信息编辑 adds, edits and publishes news, activities, galleries and courses.
- 审核员 approves (publishes) what 非遗管理员 submitted.

Figures (安次名人录) sit inside the 安次之韵 news channel, so page
permissions alone would let 信息编辑 edit them; inside the list, the figures
app's page permission tester (figures.models.FigurePermissionTester) counts
page permissions only with the ``figures.change_figurepage`` model
permission, and its hook keeps a news page that holds the list from being
copied with it.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

HERITAGE_MANAGERS = "非遗管理员"
NEWS_EDITORS = "信息编辑"
REVIEWERS = "审核员"
WORKFLOW_NAME = "非遗审核"

# Page permissions per group: {group: {site-tree key: [codenames]}}.
PAGE_PERMISSIONS = {
    HERITAGE_MANAGERS: {
        "heritage": ["add_page", "change_page"],
        "figures": ["add_page", "change_page"],
    },
    NEWS_EDITORS: {
        "news": ["add_page", "change_page", "publish_page"],
        "events": ["add_page", "change_page", "publish_page"],
        "galleries": ["add_page", "change_page", "publish_page"],
        "training": ["add_page", "change_page", "publish_page"],
    },
    REVIEWERS: {
        "heritage": ["change_page", "publish_page"],
        "figures": ["change_page", "publish_page"],
    },
}

# Wagtail checks image, document and media permissions against its own
# models (auth_model), not the custom ones, so these are the stock codenames.
MEDIA_PERMISSIONS = [
    "wagtailimages.add_image", "wagtailimages.choose_image", "wagtailimages.change_image",
    "wagtaildocs.add_document", "wagtaildocs.choose_document", "wagtaildocs.change_document",
    "wagtailmedia.add_media", "wagtailmedia.change_media",
]  # fmt: skip

MODEL_PERMISSIONS = {
    HERITAGE_MANAGERS: [
        "wagtailadmin.access_admin",
        "figures.change_figurepage",
        "core.add_region",
        "core.change_region",
        # The import screen and the listings' export (heritage_archive/importer).
        "importer.run_import",
    ],
    NEWS_EDITORS: ["wagtailadmin.access_admin"],
    REVIEWERS: ["wagtailadmin.access_admin", "figures.change_figurepage"],
}


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permission(codename):
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


@transaction.atomic
def ensure_roles(pages):
    """Create the groups, their permissions and the workflow; idempotent.

    ``pages`` maps site-tree keys to pages, as returned by ensure_site_tree.
    """
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in PAGE_PERMISSIONS}
    root_collection = Collection.get_first_root_node()

    for name, group in groups.items():
        for key, codenames in PAGE_PERMISSIONS[name].items():
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=pages[key], permission=_page_permission(codename)
                )
        group.permissions.add(*(_permission(dotted) for dotted in MODEL_PERMISSIONS[name]))
        for dotted in MEDIA_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=_permission(dotted)
            )

    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME)
    task.groups.set([groups[REVIEWERS]])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for key in ("heritage", "figures"):
        WorkflowPage.objects.update_or_create(page=pages[key], defaults={"workflow": workflow})
    return groups
