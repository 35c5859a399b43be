"""师承谱系: who taught whom, laid out as generations for the record pages.

An inheritor's page draws the lines through that person: their teachers and
their teachers' teachers, their students and their students' students
(``DEPTH`` generations each way). An item's page draws every inheritor of the
item, layered by who taught whom among them.

Only visible inheritors appear. A private or unpublished person is left out
and never named, and the walk does not pass through them, so a line that runs
through such a person is shown broken rather than revealed.

Teaching records are entered by hand and can loop (A is recorded as B's
teacher and B as A's). The layering then ignores the edge that closes the
loop, so that every person still gets one generation, and the page says so.
The layout is computed here and drawn by ``templates/inheritors/lineage.html``
as SVG with a text list beside it that carries the same facts.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from heritage_archive.core.visibility import visible_pages

# Generations walked from the person each way. Two keep the drawing readable
# on a phone and bound the page to two small queries of the teaching table.
DEPTH = 2

NODE_WIDTH = 136
NODE_HEIGHT = 56
GAP_X = 20
GAP_Y = 44
PADDING = 12
# Characters of a name that fit a box at the drawing's font size; a longer
# name is cut with "…" in the box (the full name is in its link's label).
NAME_CHARACTERS = 8


@dataclass(eq=False)
class LineageNode:
    page: object
    generation: int = 0
    x: int = 0
    y: int = 0
    is_focus: bool = False
    teachers: list = field(default_factory=list)

    @property
    def short_name(self):
        title = self.page.title
        return title if len(title) <= NAME_CHARACTERS else title[: NAME_CHARACTERS - 1] + "…"

    @property
    def centre_x(self):
        return self.x + NODE_WIDTH // 2


@dataclass(eq=False)
class LineageEdge:
    teacher: LineageNode
    student: LineageNode

    @property
    def path(self):
        """A curve from the bottom of the teacher's box to the top of the student's."""
        x1, y1 = self.teacher.centre_x, self.teacher.y + NODE_HEIGHT
        x2, y2 = self.student.centre_x, self.student.y
        middle = (y1 + y2) // 2
        return f"M{x1},{y1} C{x1},{middle} {x2},{middle} {x2},{y2}"


@dataclass
class Lineage:
    generations: list
    edges: list
    loops: int
    width: int
    height: int

    @property
    def nodes(self):
        return [node for generation in self.generations for node in generation]

    def __bool__(self):
        return bool(self.edges)


def _teaching_edges(*conditions, **filters):
    """(teacher id, student id) pairs of the teaching table matching the filters."""
    from .models import InheritorPage

    rows = InheritorPage.teachers.through.objects.filter(*conditions, **filters)
    return set(rows.values_list("to_inheritorpage_id", "from_inheritorpage_id"))


def inheritor_lineage(inheritor, request=None):
    """The lines through ``inheritor``, or an empty ``Lineage`` when none are recorded."""
    from .models import InheritorPage

    # One read of the teaching table per generation walks both ways at once:
    # up from the teachers found so far, down from the students.
    edges = set()
    up, down, seen_up, seen_down = {inheritor.pk}, {inheritor.pk}, {inheritor.pk}, {inheritor.pk}
    for _generation in range(DEPTH):
        if not up and not down:
            break
        found = _teaching_edges(Q(from_inheritorpage_id__in=up) | Q(to_inheritorpage_id__in=down))
        teachers = {teacher for teacher, student in found if student in up}
        students = {student for teacher, student in found if teacher in down}
        edges |= {(t, s) for t, s in found if s in up or t in down}
        up, down = teachers - seen_up, students - seen_down
        seen_up |= teachers
        seen_down |= students
    if not edges:
        return _empty()
    ids = {person for edge in edges for person in edge} - {inheritor.pk}
    pages = {inheritor.pk: inheritor}
    pages.update(
        (page.pk, page) for page in visible_pages(InheritorPage.objects.filter(pk__in=ids), request)
    )
    edges = _reachable_edges(inheritor.pk, {edge for edge in edges if set(edge) <= pages.keys()})
    if not edges:
        return _empty()
    # People seen only beyond a hidden one are not drawn at all.
    connected = {person for edge in edges for person in edge}
    pages = {pk: page for pk, page in pages.items() if pk in connected}
    return _lay_out(pages, edges, focus=inheritor.pk)


def item_lineage(inheritors):
    """The item's (already visible) ``inheritors`` layered by who taught whom among them."""
    pages = {page.pk: page for page in inheritors}
    # One inheritor has no line to draw, but the table is still read, so an
    # item page costs the same queries whatever the number of its inheritors.
    if not pages:
        return _empty()
    edges = _teaching_edges(
        from_inheritorpage_id__in=pages.keys(), to_inheritorpage_id__in=pages.keys()
    )
    if not edges:
        return _empty()
    return _lay_out(pages, edges)


def _empty():
    return Lineage(generations=[], edges=[], loops=0, width=0, height=0)


def _reachable_edges(start, edges):
    """The edges still connected to ``start`` once hidden people are taken out.

    Walking up from the person follows teachers only and walking down follows
    students only, so a hidden teacher cuts off the lines above them, however
    the rest of the table is linked.
    """
    teachers_of, students_of = {}, {}
    for teacher, student in edges:
        teachers_of.setdefault(student, set()).add(teacher)
        students_of.setdefault(teacher, set()).add(student)
    kept = set()
    for links, edge_of in (
        (teachers_of, lambda person, other: (other, person)),
        (students_of, lambda person, other: (person, other)),
    ):
        frontier, seen = [start], {start}
        while frontier:
            person = frontier.pop()
            for other in links.get(person, ()):
                kept.add(edge_of(person, other))
                if other not in seen:
                    seen.add(other)
                    frontier.append(other)
    return kept


def _generation_order(page):
    return (page.birth_year or 9999, page.key, page.pk)


def _lay_out(pages, edges, focus=None):
    """Generations by the longest line of teachers above each person, then positions."""
    teachers_of = {pk: [] for pk in pages}
    for teacher, student in sorted(edges):
        teachers_of[student].append(teacher)

    # Depth-first over teachers: an edge to a person still on the stack closes
    # a loop and is left out of the layering (it is counted, not drawn).
    generation, on_stack, loops = {}, set(), set()

    def place(person):
        if person in generation:
            return generation[person]
        on_stack.add(person)
        above = -1
        for teacher in teachers_of[person]:
            if teacher in on_stack:
                loops.add((teacher, person))
                continue
            above = max(above, place(teacher))
        on_stack.discard(person)
        generation[person] = above + 1
        return generation[person]

    for person in sorted(pages, key=lambda pk: _generation_order(pages[pk])):
        place(person)

    nodes = {
        pk: LineageNode(page=page, generation=generation[pk], is_focus=pk == focus)
        for pk, page in pages.items()
    }
    drawn = [
        LineageEdge(nodes[teacher], nodes[student])
        for teacher, student in sorted(edges)
        if (teacher, student) not in loops
    ]
    for teacher, student in sorted(edges):
        nodes[student].teachers.append(nodes[teacher])

    rows = [[] for _ in range(max(generation.values()) + 1)]
    for node in sorted(nodes.values(), key=lambda node: _generation_order(node.page)):
        rows[node.generation].append(node)
    # Each row follows the order of the people who taught it (the mean place
    # of their teachers above), which keeps most lines from crossing.
    for upper, row in zip(rows, rows[1:], strict=False):
        places = {id(node): index for index, node in enumerate(upper)}
        row.sort(
            key=lambda node: (
                sum(places.get(id(t), 0) for t in node.teachers) / max(len(node.teachers), 1)
            )
        )

    widest = max(len(row) for row in rows)
    width = widest * NODE_WIDTH + (widest - 1) * GAP_X + 2 * PADDING
    for index, row in enumerate(rows):
        row_width = len(row) * NODE_WIDTH + (len(row) - 1) * GAP_X
        left = (width - row_width) // 2
        for place, node in enumerate(row):
            node.x = left + place * (NODE_WIDTH + GAP_X)
            node.y = PADDING + index * (NODE_HEIGHT + GAP_Y)
    height = len(rows) * NODE_HEIGHT + (len(rows) - 1) * GAP_Y + 2 * PADDING
    return Lineage(generations=rows, edges=drawn, loops=len(loops), width=width, height=height)
