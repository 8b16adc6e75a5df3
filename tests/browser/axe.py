"""axe-core in the browser: WCAG 2.0 and 2.1, levels A and AA.

axe-core comes from the npm registry, pinned in package-lock.json at the
repository root (``bash scripts/setup.sh test`` runs ``npm ci``).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
AXE_SECONDS = 60
NODES_SHOWN = 5
REPOSITORY = Path(__file__).resolve().parents[2]

RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {
  runOnly: {type: "tag", values: arguments[0]},
  resultTypes: ["violations"],
}).then(
  (results) => done({violations: results.violations}),
  (error) => done({error: String(error)}),
);
"""


def axe_path() -> Path:
    """axe.min.js: ``KETTE_AXE_JS``, else node_modules at or above the repository."""
    if explicit := os.environ.get("KETTE_AXE_JS"):
        candidates = [Path(explicit)]
    else:
        candidates = [
            folder / "node_modules" / "axe-core" / "axe.min.js"
            for folder in (REPOSITORY, *REPOSITORY.parents)
        ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    pytest.fail(
        "axe-core not found (looked for "
        + ", ".join(str(c) for c in candidates[:2])
        + ", ...): run `bash scripts/setup.sh test`, which installs it with "
        "`npm ci` from package-lock.json, or set KETTE_AXE_JS."
    )


@cache
def axe_source() -> str:
    return axe_path().read_text(encoding="utf-8")


def run_axe(driver: WebDriver, url: str) -> list[dict[str, Any]]:
    """Load ``url`` and return axe-core's WCAG 2.1 A/AA violations (empty: none)."""
    driver.get(url)
    driver.set_script_timeout(AXE_SECONDS)
    driver.execute_script(axe_source())
    outcome = driver.execute_async_script(RUN_AXE, list(WCAG_TAGS))
    if "error" in outcome:
        raise AssertionError(f"axe-core failed on {url}: {outcome['error']}")
    return outcome["violations"]


def format_violations(url: str, violations: list[dict[str, Any]]) -> str:
    """The violations as text for an assertion message: rule, impact, elements."""
    lines = [f"{url}: {len(violations)} axe violation(s)"]
    for violation in violations:
        lines.append(
            f"  [{violation.get('impact') or 'n/a'}] {violation['id']}: "
            f"{violation['help']} ({violation['helpUrl']})"
        )
        nodes = violation.get("nodes", [])
        for node in nodes[:NODES_SHOWN]:
            target = " ".join(str(part) for part in node.get("target", []))
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"      {target}: {summary}")
            lines.append(f"        {node.get('html', '')[:200]}")
        if len(nodes) > NODES_SHOWN:
            lines.append(f"      ... and {len(nodes) - NODES_SHOWN} more element(s)")
    return "\n".join(lines)
