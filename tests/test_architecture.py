"""Imports point down: read every module's imports (ast) and refuse any that point up.

The rooms and their arrows are docs/architecture.md's. A room may import
any room below it; these arrows are refused, as is any cycle between apps.
"""

import ast
import itertools
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# App (the package under heritage_archive/, under one of its group folders,
# or search) -> its room. The group folders are rooms themselves: an app in
# heritage_archive/records/ is a record app, and so on.
GROUPS = ("media", "records", "site")
ROOMS = {
    "core": "core",
    "settings": "settings",
    "media": "media",
    "images": "media",
    "mediafiles": "media",
    "records": "records",
    "heritage": "records",
    "inheritors": "records",
    "figures": "records",
    "site": "site",
    "home": "site",
    "pages": "site",
    "news": "site",
    "galleries": "site",
    "training": "site",
    "events": "site",
    "branches": "site",
    "signups": "site",
    "search": "search",
    "importer": "import",
    "interop": "interop",
    "preservation": "preservation",
    "demo": "demo",
}
ABOVE_CORE = {"media", "records", "site", "search", "import", "interop", "preservation", "demo"}
REFUSED = {
    "core": ABOVE_CORE,
    "media": ABOVE_CORE - {"media"},
    "records": {"site", "search", "import", "interop", "preservation", "demo"},
    "site": {"search", "import", "interop", "preservation", "demo"},
    "search": {"import", "interop", "preservation", "demo"},
    "import": {"interop", "preservation", "demo"},
    "interop": {"import", "preservation", "demo"},
    "preservation": {"demo"},
}


def source_files():
    for path in sorted([*ROOT.glob("heritage_archive/**/*.py"), *ROOT.glob("search/**/*.py")]):
        if "migrations" not in path.parts:
            yield path


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_app(folder):
    return (folder / "apps.py").is_file()


def app_of(module):
    parts = module.split(".")
    if parts[0] == "search":
        return "search"
    if parts[0] != "heritage_archive" or len(parts) < 2:
        return None
    if (
        parts[1] in GROUPS
        and len(parts) > 2
        and is_app(ROOT / "heritage_archive" / parts[1] / parts[2])
    ):
        return parts[2]  # an app of the group (records.heritage), not a shared module of it
    return parts[1] if parts[1] in ROOMS else None


def imports_of(path):
    """Every module ``path`` imports (absolute and relative), anywhere in the file."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module
            yield target, node.lineno
            for alias in node.names:  # "from search import service" names a module too
                yield f"{target}.{alias.name}", node.lineno


def app_edges():
    """{(importing app, imported app): [where]} for imports between apps."""
    edges = {}
    for path in source_files():
        source_app = app_of(module_name(path))
        for target, line in imports_of(path):
            target_app = app_of(target)
            if source_app and target_app and target_app != source_app:
                edges.setdefault((source_app, target_app), []).append(
                    f"{path.relative_to(ROOT)}:{line} imports {target}"
                )
    return edges


def folders(parent):
    return {path.name for path in parent.iterdir() if path.is_dir() and path.name != "__pycache__"}


def test_every_app_has_a_room():
    top = folders(ROOT / "heritage_archive")
    assert top <= set(ROOMS), top - set(ROOMS)


def test_the_folders_say_what_they_hold():
    """An app in a group folder belongs to that group's room, and every app of the room is there."""
    for group in GROUPS:
        folder = ROOT / "heritage_archive" / group
        inside = {name for name in folders(folder) if is_app(folder / name)}
        assert all(ROOMS.get(app) == group for app in inside), (group, inside)
        belonging = {app for app, room in ROOMS.items() if room == group and app != group}
        assert belonging == inside, (group, belonging ^ inside)


def test_no_import_points_up():
    wrong = [
        where
        for (source, target), places in app_edges().items()
        if ROOMS[target] in REFUSED.get(ROOMS[source], set())
        for where in places
    ]
    assert not wrong, "imports that point up:\n" + "\n".join(wrong)


def test_search_backends_do_not_import_the_service():
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for path in (ROOT / "search" / "backends").glob("*.py")
        for target, line in imports_of(path)
        if target.startswith(("search.service", "search.views"))
    ]
    assert not wrong, wrong


def test_no_cycle_between_apps():
    graph = {}
    for source, target in app_edges():
        graph.setdefault(source, set()).add(target)

    def reaches(start, goal, seen):
        for following in graph.get(start, ()):
            if following == goal:
                return True
            if following not in seen:
                seen.add(following)
                if reaches(following, goal, seen):
                    return True
        return False

    cycles = sorted(
        (first, second)
        for first, second in itertools.permutations(graph, 2)
        if second in graph[first] and reaches(second, first, set())
    )
    assert not cycles, f"apps that import each other (directly or through others): {cycles}"


@pytest.mark.parametrize(
    ("source", "target", "refused"),
    [
        ("heritage_archive/core/x.py", "heritage_archive.records.heritage.models", True),
        ("heritage_archive/core/x.py", "search.service", True),
        ("heritage_archive/records/heritage/x.py", "heritage_archive.interop.oai", True),
        ("heritage_archive/media/images/x.py", "heritage_archive.records.figures.models", True),
        ("heritage_archive/interop/x.py", "heritage_archive.records.heritage.models", False),
        ("heritage_archive/core/x.py", "heritage_archive.records.registry", True),
        ("heritage_archive/records/x.py", "heritage_archive.importer.services", True),
        ("heritage_archive/site/news/x.py", "heritage_archive.records.registry", False),
        ("heritage_archive/media/images/x.py", "heritage_archive.records.citations", True),
    ],
)
def test_the_rules_refuse_what_they_should(source, target, refused):
    """The checks above would see such an import (they read paths, not a list of known files)."""
    source_room = ROOMS[app_of(module_name(ROOT / source))]
    target_room = ROOMS[app_of(target)]
    assert (target_room in REFUSED.get(source_room, set())) is refused
