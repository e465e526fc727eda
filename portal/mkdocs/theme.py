"""MkDocs adapter (theme): the portal's packaged theme between a site's own overrides and
Material, and the site's identity from its settings (name, emblem, colours) with no template
or stylesheet to edit.

MkDocs looks for a template in the site's `custom_dir` first, then in the portal's theme, then
in Material. A site changes one block the way Material's sites do: its `overrides/main.html`
holds `{% extends "portal/main.html" %}` and the blocks it changes; every packaged template is
also reachable under the `portal/` prefix for that.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from mkdocs.config.defaults import MkDocsConfig

from ..code import THEME
from ..site.settings import Settings

STYLES = ("assets/portal.css", "assets/portal-colors.css")  # the second is the plan's output
SCRIPTS = ("assets/portal.js",)
EMBLEM = "assets/emblem.svg"
MATERIAL_FAVICON = "assets/images/favicon.png"  # Material's default, set when a site sets none


def wire(config: MkDocsConfig, settings: Settings) -> None:
    """The packaged theme in MkDocs' search path, its stylesheets and script linked, and the
    site's identity: its emblem as logo and icon, Material's custom palette (the colours are
    `assets/portal-colors.css`), Vietnamese, and no font from another host."""
    theme = config.theme
    if str(THEME) not in theme.dirs:
        theme.dirs.insert(1 if theme.custom_dir else 0, str(THEME))
    theme["font"] = False  # a public police site sends its readers to no other host
    theme["language"] = theme.get("language") or "vi"
    theme["palette"] = {"scheme": "default", "primary": "custom", "accent": "custom"}
    emblem = settings.emblem or theme.get("logo") or EMBLEM
    favicon = theme.get("favicon")
    if settings.emblem or favicon in (None, MATERIAL_FAVICON):  # Material's is not the site's
        favicon = emblem
    theme["logo"], theme["favicon"] = emblem, favicon
    features = theme.get("features") or []
    if "navigation.tabs" not in features:
        theme["features"] = [*features, "navigation.tabs"]
    config.extra_css = [*config.extra_css, *(s for s in STYLES if s not in config.extra_css)]
    scripts = [str(script) for script in config.extra_javascript]
    config.extra_javascript.extend(s for s in SCRIPTS if s not in scripts)


def add_prefix(env: Environment) -> None:
    """Every packaged template also as `portal/<name>`, so that a site's template of the same
    name can extend it."""
    packaged = PrefixLoader({"portal": FileSystemLoader(str(THEME))})
    env.loader = ChoiceLoader([env.loader, packaged]) if env.loader else packaged


def our_templates(custom_dir: str | None) -> frozenset[str]:
    """The templates that escape by default: the portal's (also under `portal/`) and the
    site's own; Material's expect raw HTML. A set made once: Jinja asks for every template
    it instantiates, hundreds of thousands of times in a build."""
    folders = [THEME, *([Path(custom_dir)] if custom_dir else [])]
    names = {p.relative_to(f).as_posix() for f in folders if f.is_dir() for p in f.rglob("*.html")}
    return frozenset(names | {f"portal/{name}" for name in names})
