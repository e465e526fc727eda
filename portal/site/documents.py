"""Site stage (collect): the documents, attachments with what refers to them, and the register."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..content.attachments import Loaded
from ..content.models import Attachment, Item
from ..content.references import referenced_ids
from ..content.tables import Table
from .register import RegisterEntry, number_pattern, number_targets, register_entries


@dataclass(frozen=True)
class Documents:
    attachments: tuple[Attachment, ...]  # newest first
    by_id: dict[str, Attachment]
    tables: dict[str, Table]
    files: dict[str, Path]
    referenced_by: dict[str, tuple[Item, ...]]  # published items, newest first
    register: tuple[RegisterEntry, ...]
    targets: dict[str, str]  # folded number -> URL
    pattern: re.Pattern[str] | None

    def of(self, item: Item) -> list[Attachment]:
        """The documents an item lists in its front matter, in its order."""
        return [self.by_id[ref] for ref in item.attachments]


def collect_documents(loaded: Loaded, published: Sequence[Item]) -> Documents:
    attachments = tuple(sorted(loaded.attachments, key=lambda a: (a.date, a.id), reverse=True))
    referenced: dict[str, list[Item]] = {a.id: [] for a in attachments}
    for item in published:
        for ref in referenced_ids(item):
            referenced[ref].append(item)
    register = register_entries(published, attachments)
    targets = number_targets(register)
    return Documents(
        attachments=attachments,
        by_id={a.id: a for a in attachments},
        tables=loaded.tables,
        files=loaded.files,
        referenced_by={key: tuple(items) for key, items in referenced.items()},
        register=register,
        targets=targets,
        pattern=number_pattern(e.number for e in register if e.number),
    )
