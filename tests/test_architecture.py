"""The apps talk one way, and no import hides inside a function to dodge a cycle.

`comments` is the core: it imports neither moderation nor compliance (they fill its hooks,
comments/extensions.py, and listen to its signals). moderation does not import compliance
(compliance fills moderation/extensions.py and listens to post_save on Decision). Imports
inside functions are allowed in apps.py (Django's app registry is not ready before ready())
and, for now, at the places listed below with their reason: the list may only shrink.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# app -> apps it must never import, at module level or inside a function.
FORBIDDEN = {
    "comments": {"moderation", "compliance"},
    "moderation": {"compliance"},
}
# Known breaches still to move; fixed ones must leave this list. None is left: compliance's
# moderator pages live in compliance/moderator_views.py, and the workspace gets its counts
# of reports and appeals through moderation/extensions.py.
KNOWN_BREACHES: set[tuple[str, str]] = set()
# Imported when first needed, because loading them costs start-up time (scikit-learn,
# training code, management commands) that a web worker or `freigabe --help` must not pay.
LAZY_FOR_START_UP = {
    ("freigabe/assessment/evaluate.py", "freigabe.assessment.reference"),
    ("freigabe/assessment/evaluate.py", "freigabe.assessment.site_model"),
    ("freigabe/assessment/functional/__init__.py", "freigabe.assessment"),
    ("freigabe/assessment/management/commands/evaluate_assessor.py", "freigabe.articles.models"),
    ("freigabe/assessment/management/commands/evaluate_assessor.py", "freigabe.articles.site_models"),
    (
        "freigabe/assessment/management/commands/evaluate_assessor.py",
        "freigabe.assessment.management.commands.train_assessor",
    ),
    ("freigabe/assessment/management/commands/train_assessor.py", "freigabe.assessment.train"),
    ("freigabe/assessment/model.py", "freigabe.assessment"),
    ("freigabe/assessment/model_card.py", "freigabe.assessment.assessor"),
    ("freigabe/assessment/model_card.py", "freigabe.assessment.functional"),
    ("freigabe/assessment/model_store.py", "freigabe.assessment.model"),
    ("freigabe/assessment/reference.py", "freigabe.assessment.train"),
    ("freigabe/assessment/site_learning.py", "freigabe.assessment.reference"),
    ("freigabe/assessment/site_model.py", "freigabe.assessment"),
    ("freigabe/assessment/train.py", "freigabe.assessment.metrics"),
    ("freigabe/integrations/management/commands/import_comments.py", "freigabe.integrations.importing"),
    ("freigabe/prometheus.py", "freigabe.assessment"),
    ("freigabe/prometheus.py", "freigabe.comments.models"),
    ("freigabe/prometheus.py", "freigabe.jobs"),
    ("freigabe/prometheus.py", "freigabe.moderation.models"),
    ("freigabe/wsgi.py", "freigabe.articles.site_models"),
    ("freigabe/wsgi.py", "freigabe.assessment.site_model"),
}
# Imports inside functions that dodge a cycle between modules, to untangle one by one (move
# the function to where it belongs, or a hook/signal); the list may only shrink. None is
# left: a new one fails test_no_new_import_inside_a_function.
CYCLE_DODGES: set[tuple[str, str]] = set()


def _imports(path):
    """(module imported, inside a function?) for every import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def walk(node, in_function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                found.extend((alias.name, in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                found.append((child.module, in_function))
            walk(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)))

    walk(tree, False)
    return found


def _sources(root):
    for path in sorted((root / "freigabe").rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, path.relative_to(root).as_posix()


def _app_of(relative):
    parts = relative.split("/")
    return parts[1] if len(parts) > 2 else None


def _own(module):
    return module == "freigabe" or module.startswith("freigabe.")


def breaches(root=ROOT):
    found = set()
    for path, relative in _sources(root):
        banned = FORBIDDEN.get(_app_of(relative), set())
        for module, _ in _imports(path):
            parts = module.split(".")
            if _own(module) and len(parts) > 1 and parts[1] in banned:
                found.add((relative, module))
    return found


def function_level_imports(root=ROOT):
    found = set()
    for path, relative in _sources(root):
        if path.name == "apps.py":
            continue
        found |= {(relative, module) for module, inside in _imports(path) if inside and _own(module)}
    return found


def test_comments_imports_neither_moderation_nor_compliance_and_moderation_not_compliance():
    new = breaches() - KNOWN_BREACHES
    assert not new, f"imports against the direction of the apps: {sorted(new)}"


def test_the_list_of_known_breaches_only_shrinks():
    fixed = KNOWN_BREACHES - breaches()
    assert not fixed, f"fixed, so remove from KNOWN_BREACHES: {sorted(fixed)}"


def test_no_new_import_inside_a_function():
    new = function_level_imports() - LAZY_FOR_START_UP - CYCLE_DODGES
    assert not new, (
        "imports inside functions: import at the top, or untangle the cycle "
        f"(a hook, a signal, or the function where it belongs): {sorted(new)}"
    )


def test_the_lists_of_allowed_function_imports_only_shrink():
    gone = (LAZY_FOR_START_UP | CYCLE_DODGES) - function_level_imports()
    assert not gone, f"no longer imported inside a function, so remove from the lists: {sorted(gone)}"


def test_the_check_finds_a_planted_breach(tmp_path):
    """The walker itself: an import inside a function and one against the direction are found."""
    app = tmp_path / "freigabe" / "comments"
    app.mkdir(parents=True)
    (app / "planted.py").write_text(
        "def f():\n    from freigabe.moderation.decisions import decide\n    return decide\n"
    )
    (app / "apps.py").write_text("def ready():\n    from freigabe.comments import extensions\n")
    planted = ("freigabe/comments/planted.py", "freigabe.moderation.decisions")
    assert breaches(tmp_path) == {planted}
    assert function_level_imports(tmp_path) == {planted}  # apps.py's ready() is allowed


def test_access_rules_live_in_one_module():
    """Pages and API ask accounts/access.py; no app defines its own guard beside it."""
    guards = {"staff_view", "editor_required", "require_editor", "require_permission"}
    defined = {}
    for path, relative in _sources(ROOT):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.Assign)):
                names = (
                    [node.name]
                    if isinstance(node, ast.FunctionDef)
                    else [target.id for target in node.targets if isinstance(target, ast.Name)]
                )
                for name in set(names) & guards:
                    defined.setdefault(name, set()).add(relative)
    assert defined == {name: {"freigabe/accounts/access.py"} for name in guards}
