"""Site stage (plan): the photos and videos the published items use, processed (or, for
`portal check` and while other problems remain, only inspected), with their problems on the
lines that use them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..content.models import ImageRef, VideoRef
from ..content.photos import Photos
from ..errors import ContentError
from ..images.cache import Prepared, inspect, prepare
from ..images.video import PreparedVideos, prepare_videos
from .settings import Settings


def photos(
    settings: Settings, photos_of: Mapping[str, Photos], published: set[str], make: bool
) -> tuple[Prepared, list[ContentError]]:
    """The published items' photos processed when `make`; otherwise every item's photos
    decoded to find their problems, none processed."""
    root, cache = settings.root, settings.root / settings.image_cache
    uses: list[tuple[str, ImageRef]] = [
        (source, ref)
        for source, found in photos_of.items()
        for ref in ((found.lead,) if found.lead else ()) + found.body
    ]
    prepared = Prepared()
    if make:
        uses = [(source, ref) for source, ref in uses if source in published]
        prepared = prepare(root, (ref.source for _, ref in uses), cache)
        problems = prepared.problems
    else:
        problems = inspect(root, (ref.source for _, ref in uses), cache)
    errors = [
        ContentError(
            source,
            ref.line,
            "ảnh",
            f'ảnh "{ref.source}": {problems[ref.source].message}',
            problems[ref.source].fix,
        )
        for source, ref in uses
        if ref.source in problems
    ]
    return prepared, errors


def videos(
    settings: Settings,
    videos_of: Mapping[str, Sequence[VideoRef]],
    published: set[str],
    make: bool,
) -> tuple[PreparedVideos, list[ContentError]]:
    """The published items' videos measured, with their posters made when `make`; every
    item's videos checked otherwise."""
    uses = [
        (source, ref)
        for source, refs in videos_of.items()
        for ref in refs
        if source in published or not make
    ]
    cache = settings.root / settings.image_cache
    prepared = prepare_videos(settings.root, (ref for _, ref in uses), cache, make_files=make)
    errors = [
        ContentError(
            source,
            ref.line,
            "video",
            f'video "{ref.source}": {prepared.problems[ref.source].message}',
            prepared.problems[ref.source].fix,
        )
        for source, ref in uses
        if ref.source in prepared.problems
    ]
    return prepared, errors
