"""Site stage (plan): what a state portal must show besides its news (Nghị định 42/2022/NĐ-CP):
hotlines, public-service links, a feedback channel, the Liên kết web list and the footer's facts
about the agency. Read from the portal's options in mkdocs.yml and checked like content."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from ..errors import ContentError

# The footer's facts, in the order a reader expects them; the labels are in vi.UI.
AGENCY_KEYS = ("owner", "address", "phone", "email", "responsible", "licence")
LIST_OPTIONS = {  # option -> the key that holds each entry's target, and an example
    "hotlines": ("number", "- {name: Cảnh sát 113, number: '113'}"),
    "services": ("url", "- {name: Dịch vụ công, url: https://dichvucong.gov.vn/}"),
    "web_links": ("url", "- {name: Bộ Công an, url: https://bocongan.gov.vn/}"),
}


@dataclass(frozen=True)
class Link:
    name: str
    target: str  # a URL, or a phone number for hotlines


@dataclass(frozen=True)
class Facts:
    hotlines: tuple[Link, ...] = ()
    services: tuple[Link, ...] = ()
    web_links: tuple[Link, ...] = ()
    feedback: str = ""  # a form's URL or an e-mail address
    agency: tuple[tuple[str, str], ...] = ()  # (key of AGENCY_KEYS, value), in that order

    @property
    def feedback_url(self) -> str:
        if "@" in self.feedback and "://" not in self.feedback:
            return f"mailto:{self.feedback}"
        return self.feedback


def tel(number: str) -> str:
    """A `tel:` link for a number as people write it ("0272 3826 123" -> tel:02723826123)."""
    return "tel:" + re.sub(r"[^\d+]", "", number)


def read_facts(
    values: dict[str, Any], name: str, lines: dict[str, int], errors: list[ContentError]
) -> Facts:
    """Take the facts' options out of `values` (already of the right type), checking each entry;
    problems go to `errors` with the option's line."""
    lists: dict[str, tuple[Link, ...]] = {}
    for option, (key, example) in LIST_OPTIONS.items():
        links = []
        for entry in values.pop(option, []):
            ok = isinstance(entry, dict) and set(entry) == {"name", key}
            if not ok or not all(
                isinstance(v, (str, int)) and str(v).strip() for v in entry.values()
            ):
                errors.append(
                    ContentError(
                        name, lines.get(option, 1), option,
                        f"mục {_flow(entry)} cần đúng hai trường name và {key}",
                        f"viết {example}",
                    )
                )  # fmt: skip
                continue
            links.append(Link(str(entry["name"]).strip(), str(entry[key]).strip()))
        lists[option] = tuple(links)
    given = values.pop("agency", {})
    unknown = [key for key in given if key not in AGENCY_KEYS]
    if unknown:
        errors.append(
            ContentError(
                name, lines.get("agency", 1), "agency", f'không có mục "{unknown[0]}"',
                f"dùng các mục {', '.join(AGENCY_KEYS)}",
            )
        )  # fmt: skip
    agency = tuple((key, str(given[key]).strip()) for key in AGENCY_KEYS if given.get(key))
    return Facts(feedback=str(values.pop("feedback", "")).strip(), agency=agency, **lists)


def _flow(value: Any) -> str:
    """A value as it would be written in mkdocs.yml, on one line."""
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=200)
    return text.strip().removesuffix("...").strip()
