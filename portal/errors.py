"""Shared by every stage: content errors, what an editor sees when a file is wrong."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one content file, with the fix an editor can apply."""

    path: str
    line: int
    field: str
    message: str
    fix: str
    # The line to write instead, when the fix is one line (what the fix shows); "" otherwise.
    suggestion: str = field(default="", compare=False)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message} — {self.fix}"


class ContentErrors(Exception):
    """Every content problem of a build, raised once after all files were checked."""

    def __init__(
        self, errors: Iterable[ContentError], warnings: Iterable[ContentError] = ()
    ) -> None:
        self.errors = sorted(set(errors))
        self.warnings = sorted(set(warnings))  # what does not stop a build, reported beside
        super().__init__(self.report())

    def report(self) -> str:
        head = f"{len(self.errors)} lỗi trong nội dung; chưa đăng gì, trang cũ vẫn giữ nguyên:"
        return "\n".join([head, *(f"  {e}" for e in self.errors)])
