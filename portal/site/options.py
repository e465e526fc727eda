"""Site stage (plan): the one table of the portal's options in mkdocs.yml, and the other keys
mkdocs.yml may hold. settings.py reads them; the MkDocs adapter declares its config from them.
"""

from __future__ import annotations

from typing import Any

from ..errors import ContentError

KINDS = ("Thông báo", "Công văn", "Kế hoạch", "Quyết định", "Chỉ thị", "Hướng dẫn")

# name -> (default, meaning). The type of each option is the type of its default.
OPTIONS: dict[str, tuple[Any, str]] = {
    "news_dir": ("news", "Folder of news items, relative to mkdocs.yml; sub-folders are free."),
    "notices_dir": ("notices", "Folder of notices (thông báo, công văn, …)."),
    "notice_kinds": (list(KINDS), "The kinds a notice may declare, in the filter's order."),
    "attachments_dir": ("attachments", "Folder of documents and their metadata files."),
    "attachment_kinds": (
        [*KINDS, "Danh sách", "Biểu mẫu", "Báo cáo"],
        "The kinds an attachment may declare.",
    ),
    "counter_endpoint": ("", "Base URL of the counting service (`portal counter`); empty: none."),
    "page_size": (10, "Items per listing page."),
    "feed_size": (30, "Newest items in each RSS/Atom feed."),
    "max_tags": (20, "At most this many tags on one item."),
    "feed_icon": ("assets/emblem-144.png", "Square PNG (at most 144 px) for feed readers."),
    "feed_logo": ("assets/logo-144x72.png", "2:1 PNG, 144 px wide, for RSS's image."),
    "citizens_category": ("nguoi-dan-can-biet", "Slug of the Người dân cần biết category."),
    "image_cache": (".cache/images", "Folder for processed photos; safe to delete."),
    "content_cache": (
        ".cache/content",
        "Folder for what reading and validating gave (content.pickle); safe to delete.",
    ),
    "page_cache": (
        ".cache/pages",
        "Folder for rendered pages, reused when unchanged; safe to delete.",
    ),
    "share_card": (
        "",
        "1200×630 JPEG in docs_dir for pages without a lead photo; empty: the portal's own.",
    ),
    "emblem": (
        "",
        "The force's emblem (SVG or PNG in docs_dir): header, icon; empty: the portal's.",
    ),
    "colors": (
        {},
        "The theme's two colours, primary and accent (#rrggbb), checked for WCAG AA contrast.",
    ),
    "notify_email": (
        [],
        "Addresses told by e-mail when the scheduled publish fails, and when it works again.",
    ),
    "notify_smtp": ("localhost:25", "The SMTP server (host:port) those e-mails go through."),
    "addresses_file": (
        "addresses.tsv",
        "The record of every address ever published (kept in git; portal build updates it).",
    ),
    "categories": ([], "The declared categories: name, short, url, description."),
    "hotlines": ([], "Hotlines (name, number): tel: links in every page's header and on home."),
    "services": ([], "Public-service links (name, url): Dịch vụ công, Thủ tục hành chính."),
    "feedback": ("", "Góp ý channel: a form's URL or an e-mail address."),
    "web_links": ([], "The Liên kết web list (name, url), in the footer."),
    "agency": (
        {},
        "Footer facts (NĐ 42/2022): owner, address, phone, email, responsible, licence.",
    ),
}
CATEGORY_KEYS = ("name", "short", "url", "description")
# The top-level keys MkDocs 1.6 reads: any other stops the build (strict mode), so `portal
# check` names it first.
ENGINE_KEYS = (
    "INHERIT", "copyright", "dev_addr", "docs_dir", "draft_docs", "edit_uri",
    "edit_uri_template", "exclude_docs", "extra", "extra_css", "extra_javascript",
    "extra_templates", "google_analytics", "hooks", "markdown_extensions", "mdx_configs", "nav",
    "not_in_nav", "pages", "plugins", "remote_branch", "remote_name", "repo_name", "repo_url",
    "site_author", "site_description", "site_dir", "site_name", "site_url", "strict", "theme",
    "use_directory_urls", "validation", "watch",
)  # fmt: skip


# Options that changed, told for at least one version in Vietnamese: old name -> (the new name,
# or None when it went; the version it changed in; what to write instead).
CHANGED: dict[str, tuple[str | None, str, str]] = {
    "preview": (
        None,
        "0.2",
        "bản nháp và bài hẹn giờ chỉ hiện khi xem trước: portal serve, hoặc portal build --preview",
    ),
}


def changed_option(key: str, config: str, line: int) -> ContentError:
    """An option of an earlier version: its new name, or that it went, and what to write."""
    new, version, hint = CHANGED[key]
    if new is None:
        return ContentError(config, line, key, f"tùy chọn này đã bỏ từ bản {version}", hint)
    message = f'tùy chọn này đã đổi tên thành "{new}" từ bản {version}'
    return ContentError(config, line, key, message, f"viết {new}: … ({hint})")
