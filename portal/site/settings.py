"""Site stage (plan): the portal's settings, read from mkdocs.yml without MkDocs.

`options.OPTIONS` is the one table of the portal's own options (`plugins: - portal: …`):
name, default and meaning. The MkDocs adapter declares its config from it; everything else
reads the typed `Settings`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..content import syntax
from ..content.models import Category
from ..errors import ContentError, ContentErrors
from ..text import closest, is_slug, normalize_text, slugify
from . import colors
from .facts import Facts, read_facts
from .options import CATEGORY_KEYS, CHANGED, ENGINE_KEYS, OPTIONS, changed_option


@dataclass(frozen=True)
class Settings:
    root: Path
    categories: tuple[Category, ...]
    site_name: str = ""
    site_url: str = ""
    site_description: str = ""
    site_author: str = ""
    copyright: str = ""
    docs_dir: str = "content"
    custom_dir: str = ""
    news_dir: str = "news"
    notices_dir: str = "notices"
    notice_kinds: tuple[str, ...] = ()
    attachments_dir: str = "attachments"
    attachment_kinds: tuple[str, ...] = ()
    citizens_category: str = "nguoi-dan-can-biet"
    page_size: int = 10
    feed_size: int = 30
    max_tags: int = 20
    feed_icon: str = OPTIONS["feed_icon"][0]
    feed_logo: str = OPTIONS["feed_logo"][0]
    counter_endpoint: str = ""
    image_cache: str = ".cache/images"
    content_cache: str = ".cache/content"
    page_cache: str = ".cache/pages"
    search_cache: str = ".cache/search"
    gzip_cache: str = ".cache/gzip"
    share_card: str = ""
    emblem: str = ""
    colors: tuple[tuple[str, str], ...] = ()  # (name, value): primary, accent
    addresses_file: str = "addresses.tsv"
    notify_email: tuple[str, ...] = ()
    notify_smtp: str = "localhost:25"
    preview: bool = False
    facts: Facts = Facts()
    config_file: str = "mkdocs.yml"
    lines: tuple[tuple[str, int], ...] = ()  # option -> line in config_file, for messages

    def line_of(self, name: str) -> int:
        return dict(self.lines).get(name, 1)


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as data: MkDocs' own tags (`!!python/name:`, `!ENV`) become None."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, s, n: None)


def read_settings(config_file: Path, preview: bool = False) -> Settings:
    """The settings of the repository whose mkdocs.yml is `config_file`; raises ContentErrors
    naming the line of every option that is wrong."""
    name = config_file.name
    text = normalize_text(config_file.read_bytes().decode("utf-8"))
    try:
        # One parse: the node tree gives each option's line, the data its value.
        loader = _ConfigLoader(text)
        try:
            node = loader.get_single_node()
            data = (loader.construct_document(node) if node is not None else None) or {}
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        why = syntax.explain(exc, text.split("\n"))
        error = ContentError(name, why.index + 1, "cấu hình", why.message, why.fix, why.suggestion)
        raise ContentErrors([error]) from None
    except yaml.YAMLError:
        raise ContentErrors(
            [ContentError(name, 1, "cấu hình", "tệp cấu hình viết sai cách", syntax.GENERIC_FIX)]
        ) from None
    options, lines = _plugin_options(data, node)
    errors: list[ContentError] = []
    for key in data if isinstance(data, dict) else ():
        if key not in ENGINE_KEYS:
            close = closest(str(key), ENGINE_KEYS)
            fix = f'có phải là "{close}"?' if close else "xóa dòng này"
            errors.append(ContentError(name, lines.get(key, 1), str(key), "không có mục này", fix))
    values: dict[str, Any] = {}
    for key, given in options.items():
        if key in CHANGED:
            errors.append(changed_option(key, name, lines.get(key, 1)))
            continue
        if key not in OPTIONS:
            close = closest(key, OPTIONS)
            fix = f'có phải là "{close}"?' if close else "xóa dòng này"
            errors.append(ContentError(name, lines.get(key, 1), key, "không có tùy chọn này", fix))
            continue
        default = OPTIONS[key][0]
        if (
            given is None
            or not isinstance(given, type(default))
            or isinstance(given, bool)
            and (not isinstance(default, bool))
        ):
            fix = (
                f"viết {key}: {_yaml(default)}" if default != [] else f"viết danh sách dưới {key}:"
            )
            errors.append(
                ContentError(
                    name, lines.get(key, 1), key, f"giá trị {_yaml(given)} không dùng được", fix
                )
            )
            continue
        values[key] = given
    facts = read_facts(values, name, lines, errors)
    line = lines.get("categories", 1)
    categories = _categories(values.pop("categories", []), name, line, errors)
    if "colors" in values:
        values["colors"] = tuple(sorted((str(k), str(v)) for k, v in values["colors"].items()))
    for key in ("notice_kinds", "attachment_kinds", "notify_email"):
        values[key] = tuple(str(value) for value in values.get(key, OPTIONS[key][0]))
    values["preview"] = preview
    theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
    settings = Settings(
        root=config_file.resolve().parent,
        categories=categories,
        site_name=str(data.get("site_name") or ""),
        site_url=str(data.get("site_url") or ""),
        site_description=str(data.get("site_description") or data.get("site_name") or ""),
        site_author=str(data.get("site_author") or data.get("site_name") or ""),
        copyright=str(data.get("copyright") or ""),
        docs_dir=str(data.get("docs_dir") or "docs"),
        custom_dir=str(theme.get("custom_dir") or ""),
        **values,
        facts=facts,
        config_file=name,
        lines=tuple(lines.items()),
    )
    errors += check_settings(settings)
    if errors:
        raise ContentErrors(errors)
    return settings


def _plugin_options(data: Any, node: Any) -> tuple[dict[str, Any], dict[str, int]]:
    """The `portal` plugin's options and the line of each (top-level keys' lines too)."""
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[key.value] = key.start_mark.line + 1
            if key.value == "plugins" and isinstance(value, yaml.SequenceNode):
                for entry in value.value:
                    if isinstance(entry, yaml.MappingNode) and entry.value[0][0].value == "portal":
                        inner = entry.value[0][1]
                        if isinstance(inner, yaml.MappingNode):
                            for k, _ in inner.value:
                                lines[k.value] = k.start_mark.line + 1
    plugins = data.get("plugins") if isinstance(data, dict) else None
    for entry in plugins or []:
        if isinstance(entry, dict) and "portal" in entry:
            return dict(entry["portal"] or {}), lines
    return {}, lines


def _categories(
    given: list[Any], name: str, line: int, errors: list[ContentError]
) -> tuple[Category, ...]:
    categories = []
    for entry in given:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            fix = "viết - name: Tin hoạt động (thêm short:, url:, description: nếu cần)"
            errors.append(
                ContentError(
                    name, line, "categories", f"chuyên mục {_yaml(entry)} chưa có tên", fix
                )
            )
            continue
        unknown = [key for key in entry if key not in CATEGORY_KEYS]
        if unknown:
            fix = f"dùng {', '.join(CATEGORY_KEYS)}"
            errors.append(
                ContentError(
                    name, line, "categories", f'chuyên mục không có mục "{unknown[0]}"', fix
                )
            )
        text = {key: str(entry.get(key) or "") for key in CATEGORY_KEYS}
        categories.append(
            Category(text["name"], text["url"] or slugify(text["name"]), text["short"],
                     text["description"])
        )  # fmt: skip
    return tuple(categories)


def check_settings(settings: Settings) -> list[ContentError]:
    """Problems in the portal's own configuration, reported like content problems."""
    errors = []
    name = settings.config_file
    seen: set[str] = set()
    for category in settings.categories:
        if not is_slug(category.slug) or category.slug in seen:
            errors.append(
                ContentError(
                    name,
                    settings.line_of("categories"),
                    "categories",
                    f'chuyên mục "{category.name}": đường dẫn "{category.slug}" sai hoặc đã dùng',
                    "đặt cho mỗi chuyên mục một đường dẫn riêng: chữ thường không dấu, chữ số, "
                    "dấu gạch nối",
                )
            )
        seen.add(category.slug)
    for key in ("page_size", "feed_size", "max_tags"):
        if getattr(settings, key) < 1:
            line, default = settings.line_of(key), OPTIONS[key][0]
            errors.append(
                ContentError(name, line, key, "cần từ 1 trở lên", f"viết {key}: {default}")
            )
    if settings.citizens_category not in seen:
        errors.append(
            ContentError(
                name,
                settings.line_of("citizens_category"),
                "citizens_category",
                f'không có chuyên mục nào với đường dẫn "{settings.citizens_category}"',
                "viết citizens_category là đường dẫn của chuyên mục Người dân cần biết",
            )
        )
    errors += colors.setting_problems(dict(settings.colors), name, settings.line_of("colors"))
    errors += emblem_problems(settings)
    url = urlsplit(settings.site_url)
    if url.scheme not in ("http", "https") or not url.netloc or not settings.site_url.endswith("/"):
        errors.append(
            ContentError(
                name,
                settings.line_of("site_url"),
                "site_url",
                f'"{settings.site_url}" không phải địa chỉ đầy đủ của trang; RSS và chia sẻ cần nó',
                "viết site_url: https://congan.example.gov.vn/ (có dấu / ở cuối)",
            )
        )
    return errors


def emblem_problems(settings: Settings) -> list[ContentError]:
    """The force's own emblem must be an SVG or PNG file in the content folder."""
    if not settings.emblem:
        return []
    folder = (settings.root / settings.docs_dir).resolve()
    path = (folder / settings.emblem).resolve()
    inside = path.is_relative_to(folder)  # MkDocs copies only what is in its docs_dir
    if inside and path.suffix.lower() in (".svg", ".png") and path.is_file():
        return []
    return [
        ContentError(
            settings.config_file,
            settings.line_of("emblem"),
            "emblem",
            f'không có tệp SVG hay PNG "{settings.emblem}" trong {settings.docs_dir}/',
            f"đặt quốc huy (hoặc huy hiệu) vào {settings.docs_dir}/assets/ rồi viết "
            "emblem: assets/<tên tệp>.svg; bỏ dòng này để dùng huy hiệu có sẵn",
        )
    ]


def _yaml(value: Any) -> str:
    """A value as it is written in mkdocs.yml."""
    return (
        yaml.safe_dump(value, allow_unicode=True, default_flow_style=True)
        .strip()
        .removesuffix("\n...")
        .strip()
    )
