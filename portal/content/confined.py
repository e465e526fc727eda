"""Content stage (load): nothing is read from outside the repository.

A link (symlink) in news/, notices/, attachments/, the docs folder or the theme's overrides
could publish any file of the server it is built on; a link that loops would make a walk
through the folder endless. Both are problems an editor is told about, never followed.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ContentError

FIELD = "tệp"


def leaves(root: str, path: str) -> str | None:
    """Why the link `path` cannot be followed (it points outside `root`, nowhere, or into a
    loop), or None when its real path stays inside `root`."""
    try:
        real = os.path.realpath(path, strict=True)
    except OSError:
        return "loop"
    inside = real == root or real.startswith(root.rstrip(os.sep) + os.sep)
    if not inside:
        return "outside"
    # A folder that leads back to itself or to a folder above it: a walk would never end.
    here = os.path.realpath(os.path.dirname(path))
    if os.path.isdir(real) and (here == real or here.startswith(real.rstrip(os.sep) + os.sep)):
        return "loop"
    return None


def outside_links(root: Path, folder: str) -> list[ContentError]:
    """Every link under `root/folder` (hidden entries skipped, links never followed) that
    leaves the repository, leads nowhere or loops; one problem each, named by its path."""
    top = root / folder
    if not folder or not top.is_dir():
        return []
    real_root = os.path.realpath(root)
    errors: list[ContentError] = []
    for directory, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted([*dirs, *files]):
            path = os.path.join(directory, name)
            if name.startswith(".") or not os.path.islink(path):
                continue
            why = leaves(real_root, path)
            if why is not None:
                rel = Path(path).relative_to(root).as_posix()
                errors.append(_problem(rel, why, os.path.isdir(path)))
    return errors


def _problem(rel: str, why: str, folder: bool) -> ContentError:
    what = "thư mục" if folder else "tệp"
    if why == "outside":
        message = f"{what} này là lối tắt (symlink) trỏ ra ngoài kho nội dung của cổng"
    else:
        message = f"{what} này là lối tắt (symlink) trỏ tới chỗ không có, hoặc vòng lại chính nó"
    fix = f"xóa lối tắt và chép {what} thật vào đây (cổng chỉ đăng những gì nằm trong kho)"
    return ContentError(rel, 1, FIELD, message, fix)
