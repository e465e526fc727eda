"""Videos: what the images stage makes of them, and what it refuses."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from portal.content.models import VideoRef
from portal.content.videos import body_videos
from portal.images.video import prepare_videos
from tests import video_files as vf
from tests.conftest import write_files


def test_a_webm_with_the_editors_poster_and_no_subtitles(tmp_path: Path) -> None:
    poster = tmp_path / "poster.png"
    Image.new("RGB", (1600, 900), (20, 160, 40)).save(poster)
    write_files(tmp_path, {"news/clip.webm": vf.video("webm", 2.0)})
    poster.rename(tmp_path / "news/clip.png")
    body = '![Tuần tra đêm](clip.webm "Tuần tra")'
    [ref], errors = body_videos(tmp_path, "news/tin.md", "news", body, 6)
    assert errors == [] and (ref.poster, ref.captions, ref.line) == ("news/clip.png", "", 6)
    prepared = prepare_videos(tmp_path, [ref], tmp_path / "cache")
    video = prepared.videos["news/clip.webm"]
    assert (video.media_type, video.width, video.height, video.seconds) == (
        "video/webm",
        320,
        180,
        2.0,
    )
    assert video.captions == "" and video.url.startswith("video/clip-")
    with Image.open(prepared.files[video.poster]) as made:
        # The editor's picture, made a JPEG no wider than 1280 px.
        assert made.format == "JPEG" and made.size == (1280, 720)
        assert made.getpixel((10, 10))[1] > 120
    # A second build reuses what the first measured and made.
    again = prepare_videos(tmp_path, [ref], tmp_path / "cache")
    assert again.videos == prepared.videos


def test_without_a_poster_the_frame_a_second_in_is_taken(tmp_path: Path) -> None:
    write_files(tmp_path, {"news/clip.mp4": vf.video("mp4", 4.0)})
    ref = VideoRef("news/clip.mp4", "clip.mp4", "Mô tả")
    prepared = prepare_videos(tmp_path, [ref], tmp_path / "cache")
    with Image.open(prepared.files[prepared.videos[ref.source].poster]) as made:
        red, _, blue = made.getpixel((10, 10))
        assert red > 150 and blue < 80  # the first half is red, the second blue


def test_a_file_that_is_not_what_its_name_says_is_refused(tmp_path: Path) -> None:
    write_files(tmp_path, {"news/clip.webm": vf.video("mp4")})  # an MP4 named .webm
    ref = VideoRef("news/clip.webm", "clip.webm", "Mô tả")
    prepared = prepare_videos(tmp_path, [ref], tmp_path / "cache")
    assert prepared.videos == {}
    problem = prepared.problems["news/clip.webm"]
    assert "không phải video WEBM" in problem.message and "MP4" in problem.fix
