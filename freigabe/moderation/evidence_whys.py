"""Which fixed `why` texts the assessor can give, read from its source (no import of it).

The assessor (freigabe/assessment) stays plain Python without Django, so it writes its
evidence in German. The workspace translates those texts when it shows them
(evidence_text.py); this module finds every fixed text so a test can check that each one
has an English translation in the catalogue.
"""

import ast
from pathlib import Path

ASSESSMENT = Path(__file__).resolve().parent.parent / "assessment"
SKIPPED = {
    "train.py",
    "evaluate.py",
    "metrics.py",
    "model_card.py",
    "site_learning.py",
    "reference.py",
    "model_store.py",
    "archive.py",
}


def _is_weight(node):
    return isinstance(node, ast.Constant) and isinstance(node.value, float)


def _text(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _whys_in(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple) and len(node.elts) == 3 and _is_weight(node.elts[1]):
            yield _text(node.elts[2])  # (pattern, weight, why) phrase tables
        elif isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id.startswith("WHY_") for target in node.targets
        ):
            yield _text(node.value)
        elif (
            isinstance(node, ast.Assign)
            and any(isinstance(target, ast.Name) and target.id == "_MODEL_REASONS" for target in node.targets)
            and isinstance(node.value, ast.Dict)
        ):
            yield from map(_text, node.value.values)
        elif isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) and len(node.value.elts) == 2:
            yield _text(node.value.elts[1])  # (weight, why) of a lexicon reading
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", "") in ("evidence_at", "Evidence")
            and len(node.args) == 4
        ):
            yield _text(node.args[3])


def fixed_whys():
    """Every fixed why text in the assessor's source, sorted."""
    found = set()
    for path in ASSESSMENT.rglob("*.py"):
        if path.name in SKIPPED or "functional" in path.parts:
            continue
        found.update(why for why in _whys_in(ast.parse(path.read_text(encoding="utf-8"))) if why)
    return sorted(found)
