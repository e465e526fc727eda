"""Outputs stage: share cards and structured data for social networks, Zalo, search engines.

Open Graph and Twitter card tags give a shared link its title, summary and picture (the lead
photo's 1200×630 crop, or the portal's default card). JSON-LD describes the page for search
engines: a NewsArticle or an Article (notices), its BreadcrumbList, and the police force as
a GovernmentOrganization. Every URL is absolute; every date carries +07:00.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from typing import Any

from .. import urls
from ..content.models import Item
from ..site.pages import ArticlePage, CategoryPage, Crumb, Page
from ..site.plan import ShareImage, SitePlan
from ..vi import UI


@dataclass(frozen=True)
class Site:
    url: str  # absolute, with the final slash
    name: str
    description: str
    logo: str  # site-relative: a square PNG
    card: ShareImage | None  # the default share picture, if the portal has one


@dataclass(frozen=True)
class Shared:
    """One page as a share card describes it."""

    url: str  # site-relative
    title: str
    description: str
    image: ShareImage | None
    item: Item | None = None
    tags: tuple[str, ...] = ()
    crumbs: tuple[Crumb, ...] = ()  # after the home page, as the page's breadcrumb shows


def site_of(plan: SitePlan) -> Site:
    settings = plan.settings
    return Site(
        settings.site_url,
        settings.site_name,
        settings.site_description,
        settings.feed_icon,
        plan.share_card,
    )


def shared(plan: SitePlan, site: Site, page: Page | None, url: str, title: str) -> Shared:
    """A page as shared links and search engines see it; `url` and `title` are those of a
    page the plan does not know (static pages)."""
    item = page.item if isinstance(page, ArticlePage) else None
    crumbs = page.crumbs if page else ()
    if item is None:
        category = page.category if isinstance(page, CategoryPage) else None
        description = (category.description if category else "") or site.description
        return Shared(url, page.title if page else title, description, site.card, crumbs=crumbs)
    image = site.card
    if item.image:
        card = plan.photos.pictures[item.image.source].card
        image = ShareImage(card.jpeg, card.width, card.height, item.image.alt)
    tags = tuple(tag.name for tag in plan.collections.tags_of(item))
    return Shared(item.url, item.title, item.summary, image, item, tags, crumbs)


def meta_tags(site: Site, page: Shared) -> list[tuple[str, str, str]]:
    """(attribute, key, content) of each `<meta>`: Open Graph by property, Twitter by name."""
    absolute = lambda url: urls.absolute(site.url, url)  # noqa: E731
    image = page.image
    tags = [
        ("property", "og:site_name", site.name),
        ("property", "og:locale", "vi_VN"),
        ("property", "og:type", "article" if page.item else "website"),
        ("property", "og:title", page.title),
        ("property", "og:description", page.description),
        ("property", "og:url", absolute(page.url)),
    ]
    if image:
        kind = "image/jpeg" if image.url.endswith((".jpg", ".jpeg")) else "image/png"
        tags += [
            ("property", "og:image", absolute(image.url)),
            ("property", "og:image:type", kind),
            ("property", "og:image:width", str(image.width)),
            ("property", "og:image:height", str(image.height)),
            ("property", "og:image:alt", image.alt),
        ]
    if page.item:
        item = page.item
        tags += [
            ("property", "article:published_time", item.date.isoformat()),
            ("property", "article:modified_time", item.modified.isoformat()),
            ("property", "article:section", item.category.name),
        ]
        tags += [("property", "article:tag", tag) for tag in page.tags]
    tags += [
        ("name", "twitter:card", "summary_large_image" if image else "summary"),
        ("name", "twitter:title", page.title),
        ("name", "twitter:description", page.description),
    ]
    if image:
        tags += [
            ("name", "twitter:image", absolute(image.url)),
            ("name", "twitter:image:alt", image.alt),
        ]
    return tags


def organization(site: Site) -> dict[str, Any]:
    return {
        "@type": "GovernmentOrganization",
        "@id": site.url + "#to-chuc",
        "name": site.name,
        "url": site.url,
        "logo": {"@type": "ImageObject", "url": urls.absolute(site.url, site.logo)},
    }


def structured_data(site: Site, page: Shared) -> dict[str, Any]:
    """The page's JSON-LD graph: the organisation always, the item and its breadcrumbs."""
    absolute = lambda url: urls.absolute(site.url, url)  # noqa: E731
    graph: list[dict[str, Any]] = [organization(site)]
    if page.url == "":
        graph.append(
            {
                "@type": "WebSite",
                "@id": site.url + "#trang",
                "url": site.url,
                "name": site.name,
                "inLanguage": "vi-VN",
                "publisher": {"@id": site.url + "#to-chuc"},
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": absolute(urls.search()) + "?q={search_term_string}",
                    "query-input": "required name=search_term_string",
                },
            }
        )
    item = page.item
    if item is not None:
        article: dict[str, Any] = {
            "@type": "Article" if item.notice else "NewsArticle",
            "@id": absolute(page.url) + "#bai",
            "mainEntityOfPage": absolute(page.url),
            "url": absolute(page.url),
            "headline": page.title,
            "description": page.description,
            "datePublished": item.date.isoformat(),
            "dateModified": item.modified.isoformat(),
            "inLanguage": "vi-VN",
            "articleSection": item.category.name,
            "isAccessibleForFree": True,
            "publisher": {"@id": site.url + "#to-chuc"},
            "author": (
                {"@type": "Person", "name": item.author}
                if item.author
                else {"@id": site.url + "#to-chuc"}
            ),
        }
        if page.image:
            article["image"] = [absolute(page.image.url)]
        if page.tags:
            article["keywords"] = list(page.tags)
        if item.notice:
            article["genre"] = item.notice.kind
            article["identifier"] = item.notice.number
        graph.append(article)
    if page.crumbs:
        trail = [(UI["home"], ""), *page.crumbs, (page.title, page.url)]
        graph.append(
            {
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {"@type": "ListItem", "position": n, "name": name, "item": absolute(url)}
                    for n, (name, url) in enumerate(trail, start=1)
                ],
            }
        )
    return {"@context": "https://schema.org", "@graph": graph}


def head_html(site: Site, page: Shared) -> str:
    """The `<meta>` tags and the JSON-LD `<script>` for the page's `<head>`, escaped."""
    tags = "".join(
        f'<meta {attribute}="{key}" content="{escape(value, quote=True)}">\n'
        for attribute, key, value in meta_tags(site, page)
    )
    data = script_json(structured_data(site, page))
    return f'{tags}<script type="application/ld+json">{data}</script>\n'


def script_json(data: dict[str, Any]) -> str:
    """JSON safe inside `<script>`: no `<`, `>` or `&` that could end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
