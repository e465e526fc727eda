"""Outputs stage: links inside rendered articles: `tai-lieu:` links to documents (in the
Markdown, before conversion) and registered document numbers (in the HTML, after it)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from ..content.models import Attachment
from ..content.references import SHORTHAND
from ..text import fold
from ..vi import UI, format_size


def describe(attachment: Attachment) -> str:
    """The metadata line of a document wherever it is listed: "PDF, 3 trang, 1,2 MB"."""
    parts = [attachment.file_type.abbreviation]
    if attachment.pages:
        parts.append(UI["doc_pages_count"].format(count=attachment.pages))
    parts.append(format_size(attachment.size))
    return ", ".join(parts)


def expand_shorthand(
    markdown: str, attachments: Mapping[str, Attachment], link: Callable[[str], str]
) -> str:
    """Turn `tai-lieu:` links into links to the documents' pages, with their metadata line.

    `link` makes a site-relative URL usable from the page being rendered.
    """

    def one(match: re.Match[str]) -> str:
        attachment = attachments[match.group(2)]
        text = match.group(1) or attachment.title.replace("[", "(").replace("]", ")")
        return f"[{text}]({link(attachment.url)}) ({describe(attachment)})"

    return SHORTHAND.sub(one, markdown)


_TAG = re.compile(r"(<[^>]*>)")
_SKIP = {"a", "code", "pre", "script", "style"}


def link_numbers(
    html: str,
    pattern: re.Pattern[str] | None,
    targets: Mapping[str, str],
    link: Callable[[str], str],
    current_url: str,
) -> str:
    """Wrap registered numbers in the HTML's text (not in links or code) in links."""
    if pattern is None:
        return html
    parts = _TAG.split(html)
    skipping: list[str] = []
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            name = part.strip("</>").split()[0].lower() if part.strip("</>") else ""
            if name in _SKIP and not part.endswith("/>"):
                if part.startswith("</"):
                    if skipping and skipping[-1] == name:
                        skipping.pop()
                else:
                    skipping.append(name)
            continue
        if skipping or not part:
            continue

        def one(match: re.Match[str]) -> str:
            url = targets.get(fold(match.group(1)))
            if url is None or url == current_url:
                return match.group(0)
            return f'<a class="portal-docref" href="{link(url)}">{match.group(0)}</a>'

        parts[index] = pattern.sub(one, part)
    return "".join(parts)
