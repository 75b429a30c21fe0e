"""axe-core in the browser tests: installed from the npm registry by scripts/ensure-axe.sh."""

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENSURE_AXE = ROOT / "scripts" / "ensure-axe.sh"
AXE_SCRIPT = ROOT / "tests" / "browser" / ".axe" / "node_modules" / "axe-core" / "axe.min.js"

SERIOUS_VIOLATIONS = """async (selector) => {
  const result = await axe.run({include: [[selector]]}, {resultTypes: ["violations"]});
  return result.violations.filter((v) => ["serious", "critical"].includes(v.impact))
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}"""


def axe_script():
    """The path of axe.min.js, installing it first if needed; fails (never skips) without it."""
    result = subprocess.run(
        ["bash", str(ENSURE_AXE)], check=False, capture_output=True, text=True, timeout=300
    )
    if result.returncode != 0 or not AXE_SCRIPT.exists():
        pytest.fail(
            f"axe-core could not be installed by {ENSURE_AXE.name}:\n{result.stdout}\n{result.stderr}",
            pytrace=False,
        )
    return AXE_SCRIPT


def serious_violations(page, script, selector="freigabe-comments"):
    """axe-core's serious and critical violations inside `selector` (shadow roots included)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(script))
    return page.evaluate(SERIOUS_VIOLATIONS, selector)
