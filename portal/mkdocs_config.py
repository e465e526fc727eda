"""The portal plugin's options in mkdocs.yml (`plugins: - portal: …`)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class CategoryConfig(base.Config):
    name = c.Type(str)
    """Display name, e.g. "Tin an ninh trật tự"."""
    short = c.Type(str, default="")
    """Short name editors may write instead, e.g. "ANTT"."""
    slug = c.Optional(c.Type(str))
    """URL name; default: from the name."""
    description = c.Type(str, default="")


class PortalConfig(base.Config):
    news_dir = c.Type(str, default="news")
    """Folder of news items, relative to mkdocs.yml; sub-folders are free."""
    notices_dir = c.Type(str, default="notices")
    """Folder of notices (thông báo, công văn, …), relative to mkdocs.yml."""
    notice_kinds = c.ListOfItems(
        c.Type(str),
        default=["Thông báo", "Công văn", "Kế hoạch", "Quyết định", "Chỉ thị", "Hướng dẫn"],
    )
    """The kinds a notice may declare, in the order the listing's filter shows them."""
    attachments_dir = c.Type(str, default="attachments")
    """Folder of documents and their metadata files, relative to mkdocs.yml."""
    attachment_kinds = c.ListOfItems(
        c.Type(str),
        default=[
            "Thông báo",
            "Công văn",
            "Kế hoạch",
            "Quyết định",
            "Chỉ thị",
            "Hướng dẫn",
            "Danh sách",
            "Biểu mẫu",
            "Báo cáo",
        ],
    )
    """The kinds an attachment may declare."""
    counter_endpoint = c.Type(str, default="")
    """Base URL of the counting service (`portal counter`), e.g. /dem or https://dem.example;
    empty: the widget shows "—" and sends nothing."""
    page_size = c.Type(int, default=10)
    """Items per listing page."""
    feed_size = c.Type(int, default=30)
    """Newest items in each RSS/Atom feed."""
    feed_icon = c.Type(str, default="assets/emblem-144.png")
    """Square PNG (at most 144 px wide) for feed readers, relative to the site root."""
    feed_logo = c.Type(str, default="assets/logo-144x72.png")
    """2:1 PNG, 144 px wide, for RSS's image and Atom's logo, relative to the site root."""
    preview = c.Optional(c.Type(bool))
    """Publish drafts and future items too, for local preview; default: PORTAL_PREVIEW=true."""
    citizens_category = c.Type(str, default="nguoi-dan-can-biet")
    """Slug of the category highlighted on the home page as "Người dân cần biết"."""
    image_cache = c.Type(str, default=".cache/images")
    """Folder for processed photos, relative to mkdocs.yml; outside the site, git-ignored,
    safe to delete (the next build processes every photo again)."""
    share_card = c.Type(str, default="")
    """The picture a shared link shows when its page has no lead photo: a 1200×630 JPEG in
    docs_dir (`scripts/share_card.py` draws one); empty: such pages share no picture."""
    categories = c.ListOfItems(c.SubConfig(CategoryConfig))
    """The declared categories; an item's `category` must name one of them."""
