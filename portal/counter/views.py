"""Counter (views): what every storage backend gives and takes, so that the store and its two
backends (SQLite, PostgreSQL) depend on this module and not on one another."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Totals:
    """What a backend read: views today, in all, and of each page asked for."""

    today: int
    total: int
    pages: dict[str, int]


class Views(Protocol):
    """A backend: `add` counts a batch of views in one durable transaction."""

    def add(self, day: str, paths: list[str]) -> Totals: ...
    def read(self, day: str, path: str | None) -> Totals: ...
    def close(self) -> None: ...
