"""axe-core as npm publishes it (pinned in tests/tools/package-lock.json), injected into a page
in Chromium: the rules of today's release, not a copy bundled into a Python package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import REPO

AXE = REPO / "tests/tools/node_modules/axe-core/axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_script() -> Path:
    """The pinned axe-core; a missing install fails in CI and skips locally."""
    if not AXE.is_file():
        message = "axe-core is not installed: run `npm ci` in tests/tools (make test runs it)"
        if os.environ.get("PORTAL_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE


def violations(page, tags: list[str] = WCAG_21_AA) -> list[str]:  # noqa: B006 (read only)
    """Every WCAG violation axe finds on the open page, one line per element."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(axe_script()))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags
    )
    return [
        f"{v['id']}: {node['target']} {node.get('failureSummary', '')}"
        for v in result["violations"]
        for node in v["nodes"]
    ]


def version(page) -> str:
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(axe_script()))
    return page.evaluate("axe.version")
