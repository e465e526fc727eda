"""Command (above every stage): `portal init DIR`, a new province's repository.

It writes the configuration with every setting explained in Vietnamese, the folders, a home
page, the static pages Nghị định 42/2022 expects (giới thiệu, liên hệ, đường dây nóng), a first
article, a `.gitignore`, the CI sample chosen, the requirement on this version of the portal,
and a short README for the editors. What it cannot know is written `[CẦN ĐIỀN: …]`: `portal
check` lists each one as a warning, and the site builds at once.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from string import Template

from . import __version__
from .dates import build_time
from .site import colors
from .site.static import PLACEHOLDER
from .text import normalize_text
from .vi import UI

STARTER = Path(__file__).resolve().parent / "starter"
CI = {"github": ".github/workflows/portal.yml", "gitlab": ".gitlab-ci.yml"}


@dataclass(frozen=True)
class Answers:
    name: str
    url: str
    phone: str


class Refused(Exception):
    """Nothing was written: why, in Vietnamese."""


def answers(name: str, url: str, phone: str, ask: Callable[[str], str] | None = None) -> Answers:
    """The province's name, address and duty hotline: from the flags, else asked (`ask`, in a
    terminal), else a placeholder to fill in later."""

    def given(value: str, key: str, placeholder: str) -> str:
        value = " ".join(value.split())  # one line: it goes into comments and titles
        if not value and ask is not None:
            value = " ".join(ask(UI[key]).split())
        return normalize_text(value) or placeholder

    name = given(name, "init_ask_name", "Công an tỉnh [CẦN ĐIỀN: tên tỉnh]")
    url = given(url, "init_ask_url", "https://congan.example.gov.vn/")
    phone = given(phone, "init_ask_phone", "[CẦN ĐIỀN: số trực ban]")
    if not url.startswith(("https://", "http://")):
        raise Refused(UI["init_bad_url"].format(url=url))
    return Answers(name, url if url.endswith("/") else url + "/", phone)


def requirement() -> str:
    """What a province pins: this minor version, with its fixes."""
    major, minor, *_ = __version__.split(".")
    return f"portal=={major}.{minor}.*"


def files(found: Answers, ci: str) -> dict[str, str]:
    """Path -> text of every file of the new repository."""
    values = {
        "name": found.name,
        "url": found.url,
        "phone": found.phone,
        "primary": colors.PRIMARY,
        "accent": colors.ACCENT,
        "requirement": requirement(),
    }
    # What the answers give to mkdocs.yml goes in as whole quoted YAML scalars: a name with
    # ": " or "#" (the placeholder has both) stays one value.
    values |= {
        f"{key}_q": json.dumps(text, ensure_ascii=False)
        for key, text in {
            "name": found.name,
            "phone": found.phone,
            "description": f"Trang thông tin điện tử {found.name}",
            "copyright": f"Bản quyền © {found.name}. Ghi rõ nguồn khi phát hành lại thông tin "
            "từ trang này.",
            "duty": f"Trực ban {found.name}",
            "activity": f"Hoạt động của {found.name} và Công an các đơn vị, địa phương.",
        }.items()
    }

    def filled(rel: str) -> str:
        text = (STARTER / rel).read_text(encoding="utf-8")
        return Template(text).safe_substitute(values)

    now = build_time()
    written = {
        "mkdocs.yml": filled("mkdocs.yml"),
        "README.md": filled("README.md"),
        "requirements.txt": filled("requirements.txt"),
        ".gitignore": filled("gitignore"),
        "overrides/README.md": filled("overrides/README.md"),
        "notices/.gitkeep": "",
        "attachments/.gitkeep": "",
        f"news/{now.year}/ra-mat-trang-thong-tin.md": first_article(found, now),
    }
    for page in sorted((STARTER / "content").glob("*.md")):
        written[f"content/{page.name}"] = filled(f"content/{page.name}")
    if ci in CI:
        written[CI[ci]] = filled(f"ci/{ci}.yml")
    return written


def first_article(found: Answers, now: datetime) -> str:
    """The news item that opens the site; it names the force once its name is known (a
    placeholder in a published article would stop the build)."""
    of = "" if PLACEHOLDER.search(found.name) else f"của {found.name} "
    title = json.dumps(UI["init_first_title"].format(of=of).strip(), ensure_ascii=False)
    return UI["init_first_article"].format(
        title=title, of=of, url=found.url, date=f"{now:%Y-%m-%d %H:%M}"
    )


def init(target: Path, name: str, url: str, phone: str, ci: str) -> int:
    """`portal init DIR`: refuses a folder that holds files; asks in a terminal what the
    flags did not give."""
    if target.exists() and any(target.iterdir()):
        print(UI["init_not_empty"].format(target=target), file=sys.stderr)
        return 1
    ask = (lambda prompt: input(prompt)) if sys.stdin.isatty() else None
    try:
        found = answers(name, url, phone, ask)
    except Refused as exc:
        print(str(exc), file=sys.stderr)
        return 1
    for rel, text in files(found, ci).items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(UI["init_done"].format(target=target, name=found.name))
    return 0
