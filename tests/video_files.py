"""Short videos made here with PyAV, for tests: solid frames, a second or less."""

from __future__ import annotations

import functools
import io
from fractions import Fraction

import av
from PIL import Image

CODECS = {"mp4": "libx264", "webm": "libvpx-vp9"}


@functools.cache
def video(
    container: str = "mp4", seconds: float = 1.0, size: tuple[int, int] = (320, 180)
) -> bytes:
    """A playable video: red for its first half, blue after (so a frame tells where it is)."""
    out = io.BytesIO()
    with av.open(out, "w", format=container) as file:
        stream = file.add_stream(CODECS[container], rate=10)
        stream.width, stream.height, stream.pix_fmt = *size, "yuv420p"
        stream.time_base = Fraction(1, 10)
        frames = max(1, round(seconds * 10))
        for index in range(frames):
            colour = (200, 20, 20) if index < frames / 2 else (20, 20, 200)
            frame = av.VideoFrame.from_image(Image.new("RGB", size, colour))
            frame.pts = index
            file.mux(stream.encode(frame))
        file.mux(stream.encode())
    return out.getvalue()
