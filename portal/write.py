"""Write: put generated files into the built site, safely."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


def write_files(site_dir: Path, files: Mapping[str, bytes]) -> None:
    """Write site-relative paths; a path that would leave the site is a programming error."""
    root = site_dir.resolve()
    for rel, content in files.items():
        target = (root / rel).resolve()
        if not target.is_relative_to(root) or target == root:
            raise ValueError(f"refusing to write outside the site: {rel!r}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
