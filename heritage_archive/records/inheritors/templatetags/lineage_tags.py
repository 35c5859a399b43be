"""``{% inheritor_lineage page %}`` and ``{% item_lineage page inheritors %}``: the 师承谱系 drawings."""

from django import template

from ..lineage import NODE_HEIGHT, NODE_WIDTH, inheritor_lineage, item_lineage

register = template.Library()

TEMPLATE = "inheritors/lineage.html"


def _context(context, lineage, heading_id, heading):
    return {
        "request": context.get("request"),
        "lineage": lineage,
        "heading_id": heading_id,
        "heading": heading,
        "node_width": NODE_WIDTH,
        "node_height": NODE_HEIGHT,
    }


@register.inclusion_tag(TEMPLATE, takes_context=True)
def inheritor_lineage_graph(context, inheritor, heading):
    # A page being created has no saved lines yet to draw.
    lineage = inheritor_lineage(inheritor, context.get("request")) if inheritor.pk else None
    return _context(context, lineage, "lineage-heading", heading)


@register.inclusion_tag(TEMPLATE, takes_context=True)
def item_lineage_graph(context, inheritors, heading):
    return _context(context, item_lineage(inheritors), "item-lineage-heading", heading)
