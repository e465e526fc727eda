"""Site stage (plan): every address the portal has published, and what each answers now.

A published address is a promise to citizens and journalists. The record (`addresses.tsv`
beside mkdocs.yml, kept in git, and a copy in every built site under `.portal/`) lists each
item and document ever published with every address it has had. Each build finds its items
again in the record (by source file, else by date and title, or by a document's digest):

- an address that is no longer current redirects to the current one (301 in nginx, a small
  page elsewhere), and an item's feed id stays its first address;
- the addresses of an item that disappeared answer 410 Gone;
- `portal check` tells an editor both before anything is pushed.

Nothing here reads or writes files: `parse` and `render` turn the record into text and back.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from ..errors import ContentError
from ..vi import UI

HEADER = (
    "# Sổ địa chỉ đã đăng của cổng: portal build tự ghi, đừng sửa tay. Mỗi dòng: mã (địa chỉ\n"
    "# đầu tiên), trạng thái, tệp nguồn, dấu nhận dạng, rồi mọi địa chỉ đã dùng, địa chỉ\n"
    "# hiện tại ở cuối. Giữ tệp này trong kho (git) để địa chỉ cũ không bao giờ hỏng.\n"
)
LIVE, GONE = "live", "gone"


@dataclass(frozen=True)
class Entry:
    """One published item or document: its id is the first address it had."""

    id: str
    source: str  # the file it comes from, relative to the repository
    key: str  # what finds it again after a move: its date and title, or a file's digest
    addresses: tuple[str, ...]  # every address it has had, the current one last
    gone: bool = False


@dataclass(frozen=True)
class Published:
    """Something this build publishes at `url`, as the record needs to know it."""

    url: str
    source: str
    key: str
    title: str
    line: int = 1  # where its address is decided in `source` (its url or title line)
    aliases: tuple[str, ...] = ()  # old addresses the editor listed by hand
    page: bool = True  # a page (a stub can stand at its old address), not a file


@dataclass(frozen=True)
class Change:
    """An address that this build moves or removes: what `portal check` tells."""

    source: str
    line: int
    title: str
    old: str
    new: str | None  # None: removed


@dataclass(frozen=True)
class Addresses:
    """What the record makes of this build: ids, redirects, removals and changes."""

    record: dict[str, Entry] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)  # current address -> its id
    moved: dict[str, str] = field(default_factory=dict)  # old address -> current one
    gone: dict[str, str] = field(default_factory=dict)  # removed address -> its source file
    changes: tuple[Change, ...] = ()
    pages: frozenset[str] = frozenset()  # old addresses that were pages (stubs may stand)


def parse(text: str) -> dict[str, Entry]:
    """The record in `text` (addresses.tsv); unreadable lines are skipped, never fatal."""
    record: dict[str, Entry] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 5 or parts[1] not in (LIVE, GONE):
            continue
        entry_id, state, source, key, *addresses = parts
        if any(addresses):
            record[entry_id] = Entry(
                entry_id, source, key, tuple(filter(None, addresses)), state == GONE
            )
    return record


def render(record: Mapping[str, Entry]) -> bytes:
    """The record as addresses.tsv: sorted by id, so that a change is one line in git."""
    lines = [
        "\t".join([e.id, GONE if e.gone else LIVE, e.source, e.key, *e.addresses])
        for e in sorted(record.values(), key=lambda e: e.id)
    ]
    return (HEADER + "".join(line + "\n" for line in lines)).encode("utf-8")


def merge(*records: Mapping[str, Entry]) -> dict[str, Entry]:
    """One record from several copies (the repository's, the last build's): every address
    any of them knows; a later copy's source and key win."""
    merged: dict[str, Entry] = {}
    for record in records:
        for entry_id, entry in record.items():
            known = merged.get(entry_id)
            if known is None:
                merged[entry_id] = entry
                continue
            if entry.addresses == known.addresses:  # most entries: the copies agree
                merged[entry_id] = entry
                continue
            extra = tuple(a for a in entry.addresses if a not in known.addresses)
            merged[entry_id] = replace(entry, addresses=known.addresses + extra)
    return merged


def reconcile(
    record: Mapping[str, Entry], published: Iterable[Published], unsure: Iterable[str] = ()
) -> Addresses:
    """The record brought up to this build: each published thing found again or added, each
    address it had before redirected, each entry no longer published gone. Entries from
    `unsure` files (files with problems, left out of this plan) are kept as they were."""
    published = list(published)
    entries = dict(record)
    # A document's page, file and spreadsheet copy share a source: each is found by its role.
    by_source = {(e.source, _role(e.addresses[-1])): e.id for e in entries.values()}
    by_key = {e.key: e.id for e in entries.values()}
    claimed: set[str] = set()
    ids: dict[str, str] = {}
    changes: list[Change] = []
    for thing in published:
        found = by_source.get((thing.source, _role(thing.url)))
        if found is None or found in claimed:
            found = by_key.get(thing.key)
        if found is None or found in claimed:
            found = thing.url if thing.url not in entries else None
        if found is None:  # its address is an id already: a new item at an old item's address
            found = f"{thing.url}#{len(entries)}"
        claimed.add(found)
        entry = entries.get(found)
        if entry is None:
            entry = Entry(found, thing.source, thing.key, (thing.url,))
        elif entry.addresses[-1:] != (thing.url,):
            if not entry.gone:
                changes.append(
                    Change(thing.source, thing.line, thing.title, entry.addresses[-1], thing.url)
                )
            kept = tuple(a for a in entry.addresses if a != thing.url)
            entry = replace(entry, addresses=(*kept, thing.url))
        if (entry.source, entry.key, entry.gone) != (thing.source, thing.key, False):
            entry = replace(entry, source=thing.source, key=thing.key, gone=False)
        entries[found] = entry
        ids[thing.url] = found
    keep = set(unsure)
    for entry_id, entry in list(entries.items()):
        if entry_id in claimed or entry.gone or entry.source in keep:
            continue
        entries[entry_id] = replace(entry, gone=True)
        changes.append(Change(entry.source, 1, "", entry.addresses[-1], None))
    current = {thing.url for thing in published}
    moved: dict[str, str] = {}
    gone: dict[str, str] = {}
    was_page: set[str] = set()
    for entry in entries.values():
        page = entry.addresses[-1].endswith("/")
        for address in entry.addresses if entry.gone else entry.addresses[:-1]:
            if address in current:
                continue  # another item lives there now: it wins
            if entry.gone:
                gone[address] = entry.source
            else:
                moved[address] = entry.addresses[-1]
            if page and address.endswith("/"):
                was_page.add(address)
    for thing in published:
        for alias in thing.aliases:
            if alias not in current:
                moved[alias] = thing.url
                gone.pop(alias, None)
                if thing.page and alias.endswith("/"):
                    was_page.add(alias)
    changes.sort(key=lambda change: (change.source, change.old))
    return Addresses(entries, ids, moved, gone, tuple(changes), frozenset(was_page))


def _role(address: str) -> str:
    """What an address is: a page ("/"), or a file by its extension (".pdf", ".xlsx")."""
    return "/" if address.endswith("/") else posixpath.splitext(address)[1]


def item_key(date_iso: str, title: str) -> str:
    """What finds an item again after its file moved: its date and its title, folded."""
    return f"{date_iso} {' '.join(title.casefold().split())}"


def notices(addresses: Addresses) -> list[ContentError]:
    """What an editor is told, on the file and line that decide it, for each address this
    build moves or removes: a notice, not a problem (the build goes on)."""
    told = []
    for change in addresses.changes:
        old = "/" + change.old
        if change.new is None:
            message, fix = UI["address_gone"].format(old=old), UI["address_gone_fix"]
        else:
            message = UI["address_moved"].format(old=old, new="/" + change.new)
            fix = UI["address_moved_fix"]
        told.append(ContentError(change.source, change.line, "địa chỉ", message, fix))
    return told
