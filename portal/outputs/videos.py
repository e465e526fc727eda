"""Outputs stage: the HTML of a video in an article, and which videos each page shows.

`<video controls preload="none">`: nothing is downloaded until the reader presses play (a
citizen's phone on a slow link), the poster shows meanwhile, subtitles come from the `.vtt`
beside the video, and a download link stays for browsers that cannot play it. Everything is
on the site's own origin.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

from .. import urls
from ..images.video import Video
from ..site.plan import SitePlan
from ..vi import UI, format_duration, format_size


def video_element(
    video: Video, description: str, caption: str, relative: Callable[[str], str], block: bool
) -> ET.Element:
    """The player; with `block`, in a `<figure>` whose caption says what it shows, how long
    it lasts and how to download it."""
    player = ET.Element(
        "video",
        {
            "controls": "controls",
            "preload": "none",
            "poster": relative(video.poster),
            "width": str(video.width),
            "height": str(video.height),
            "aria-label": description,
        },
    )
    ET.SubElement(player, "source", src=relative(video.url), type=video.media_type)
    if video.captions:
        track = {"kind": "captions", "srclang": "vi", "label": UI["video_captions"]}
        ET.SubElement(player, "track", src=relative(video.captions), **track)
    download = UI["video_download"].format(
        type=video.url.rsplit(".", 1)[-1].upper(), size=format_size(video.size)
    )
    fallback = ET.SubElement(player, "a", href=relative(video.url), download="")
    fallback.text = download
    if not block:
        return player
    figure = ET.Element("figure", {"class": "portal-video"})
    figure.append(player)
    text = ET.SubElement(figure, "figcaption")
    text.text = f"{caption or description} · {format_duration(video.seconds)} · "
    link = ET.SubElement(text, "a", href=relative(video.url), download="")
    link.text = download
    return figure


def videos_by_page(plan: SitePlan) -> dict[str, dict[str, Video]]:
    """For each item page with videos: the path its Markdown wrote -> the video."""
    return {
        urls.src_uri(item.url): {ref.written: video for ref, video in plan.videos.of(item)}
        for item in plan.collections.published
        if item.videos
    }
