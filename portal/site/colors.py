"""Site stage (plan): the theme's colours from two settings, and the contrast of every pair the
theme derives from them, checked against WCAG 2.1 AA.

A province sets `colors: {primary: "#9b1b1f", accent: "#fad650"}` in mkdocs.yml: the header and
tabs take the primary colour with white text, links the primary colour on white and on the
cream of the citizens' block, the accent marks the header's edge and the current tab on the
primary colour, and a darker accent outlines what has the keyboard's focus. Each pair must reach
4.5:1 where it is text, 3:1 where it is a part of the interface; a colour that misses is refused
with a shade of it that passes, as close to it as can be found.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..errors import ContentError
from ..vi import format_number

PRIMARY, ACCENT = "#9b1b1f", "#fad650"  # the force's deep red and gold
WHITE, CREAM, INK = "#ffffff", "#fbf4e4", "#1a1a1a"
TEXT, UI_PART = 4.5, 3.0


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    if len(value) != 6:
        raise ValueError(colour)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def valid(colour: object) -> bool:
    try:
        _rgb(str(colour))
    except ValueError:
        return False
    return str(colour).strip().startswith("#")


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def mix(colour: str, other: str, share: float) -> str:
    """`colour` with `share` (0..1) of `other` mixed in."""
    a, b = _rgb(colour), _rgb(other)
    return _hex(tuple(x + (y - x) * share for x, y in zip(a, b, strict=True)))


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = map(channel, _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def primary_light(primary: str) -> str:
    """The header's hover shade."""
    return mix(primary, WHITE, 0.1)


def primary_dark(primary: str) -> str:
    return mix(primary, "#000000", 0.2)


def accent_dark(accent: str) -> str:
    """The accent darkened until it outlines clearly on white (focus rings, hovers)."""
    for step in range(21):
        shade = mix(accent, "#000000", step / 20)
        if contrast(shade, WHITE) >= TEXT:
            return shade
    return "#000000"


def palette(primary: str = PRIMARY, accent: str = ACCENT) -> dict[str, str]:
    """The CSS custom properties of the theme (Material's and the portal's)."""
    focus = accent_dark(accent)
    return {
        "--md-primary-fg-color": primary,
        "--md-primary-fg-color--light": primary_light(primary),
        "--md-primary-fg-color--dark": primary_dark(primary),
        "--md-primary-bg-color": WHITE,
        "--md-primary-bg-color--light": WHITE,
        "--md-accent-fg-color": focus,
        "--md-accent-fg-color--transparent": _transparent(focus),
        "--md-accent-bg-color": WHITE,
        "--md-typeset-a-color": primary,
        "--md-default-fg-color": INK,
        "--md-default-fg-color--light": "#595959",
        "--md-default-fg-color--lighter": "#8c8c8c",
        "--md-default-fg-color--lightest": "#e6e6e6",
        "--md-footer-bg-color": "#1f1f1f",
        "--md-footer-bg-color--dark": "#141414",
        "--md-footer-fg-color": WHITE,
        "--md-footer-fg-color--light": "#d9d9d9",
        "--md-footer-fg-color--lighter": "#d9d9d9",
        "--portal-gold": accent,
        "--portal-cream": CREAM,
    }


def _transparent(colour: str) -> str:
    r, g, b = _rgb(colour)
    return f"rgba({r}, {g}, {b}, 0.1)"


def stylesheet(primary: str = PRIMARY, accent: str = ACCENT) -> bytes:
    """assets/portal-colors.css: the palette as custom properties, for Material's custom
    scheme and the portal's own rules."""
    lines = [f"  {name}: {value};" for name, value in palette(primary, accent).items()]
    head = "/* The portal's colours (mkdocs.yml: colors), checked for contrast by the build. */\n"
    rule = ":root, [data-md-color-primary=custom], [data-md-color-accent=custom] {\n"
    return (head + rule + "\n".join(lines) + "\n}\n").encode("utf-8")


@dataclass(frozen=True)
class Pair:
    """Two colours the theme puts together, what they are, and the contrast they need."""

    what: str  # in Vietnamese, for the message
    setting: str  # "primary" or "accent": the colour an editor changes
    minimum: float
    colours: Callable[[str, str], tuple[str, str]]


PAIRS = (
    Pair("chữ trắng trên nền màu chính (đầu trang, thanh mục)", "primary", TEXT,
         lambda p, a: (WHITE, p)),
    Pair("chữ trắng trên nền màu chính đậm", "primary", TEXT,
         lambda p, a: (WHITE, primary_dark(p))),
    Pair("chữ trắng trên nền màu chính nhạt (khi rê chuột)", "primary", TEXT,
         lambda p, a: (WHITE, primary_light(p))),
    Pair("liên kết màu chính trên nền trắng", "primary", TEXT, lambda p, a: (p, WHITE)),
    Pair("liên kết màu chính trên nền kem (khối Người dân cần biết)", "primary", TEXT,
         lambda p, a: (p, CREAM)),
    Pair("chữ màu nhấn trên nền màu chính (thanh mục đang mở)", "accent", TEXT,
         lambda p, a: (a, p)),
    Pair("viền màu nhấn trên nền màu chính (mép đầu trang)", "accent", UI_PART,
         lambda p, a: (a, p)),
)  # fmt: skip


def problems(primary: str, accent: str) -> list[tuple[str, str, float, float, str]]:
    """(setting, what, contrast found, contrast needed, a passing shade near it) of each pair
    that misses; [] when every pair passes."""
    found = []
    # The accent is judged beside a primary colour that passes: the one given, or the shade
    # of it that the message suggests.
    passing_primary = (
        primary if _passes(primary, accent, "primary") else nearest("primary", primary, accent)
    )
    for pair in PAIRS:
        base = primary if pair.setting == "primary" else passing_primary
        ratio = contrast(*pair.colours(base, accent))
        if ratio >= pair.minimum:
            continue
        suggestion = nearest(pair.setting, base, accent)
        found.append((pair.setting, pair.what, ratio, pair.minimum, suggestion))
    return found


def _passes(primary: str, accent: str, setting: str) -> bool:
    return all(
        contrast(*pair.colours(primary, accent)) >= pair.minimum
        for pair in PAIRS
        if pair.setting == setting or setting == "both"
    )


def nearest(setting: str, primary: str, accent: str) -> str:
    """The shade of the `setting` colour nearest to it (mixed with black, or with white) with
    which its pairs pass; the other colour stays as it is."""
    own = primary if setting == "primary" else accent
    for scope in ("both", setting):  # a shade with which everything passes, if there is one
        for step in range(1, 41):
            for towards in ("#000000", WHITE):
                shade = mix(own, towards, step / 40)
                trial = (shade, accent) if setting == "primary" else (primary, shade)
                if _passes(*trial, scope):
                    return shade
    return PRIMARY if setting == "primary" else ACCENT


def setting_problems(given: dict[str, str], config: str, line: int) -> list[ContentError]:
    """mkdocs.yml's `colors`: a colour that is not one, or too little contrast in a pair the
    theme derives; one message a setting, with a shade near it that passes."""
    errors = []
    for key, value in given.items():
        if key not in ("primary", "accent"):
            fix = "chỉ có colors: {primary: …, accent: …}"
            errors.append(ContentError(config, line, "colors", f'không có màu "{key}"', fix))
        elif not valid(value):
            fix = f'viết mã màu dạng #rrggbb, ví dụ {key}: "#9b1b1f"'
            message = f'"{value}" không phải mã màu'
            errors.append(ContentError(config, line, f"colors.{key}", message, fix))
    if errors:
        return errors
    primary, accent = chosen(given)
    told: set[str] = set()
    for setting, what, found, needed, shade in problems(primary, accent):
        if setting in told:
            continue
        told.add(setting)
        value = primary if setting == "primary" else accent
        ratio, minimum = format_number(found, 1), format_number(needed, 1)
        message = f'màu "{value}" không đủ tương phản: {what} chỉ {ratio}:1, cần {minimum}:1'
        fix = f'dùng màu gần nó mà đủ tương phản (WCAG 2.1 AA): {setting}: "{shade}"'
        errors.append(ContentError(config, line, f"colors.{setting}", message, fix))
    return errors


def chosen(given: Mapping[str, str]) -> tuple[str, str]:
    """The primary and accent colours the site is drawn in: those given, else the portal's."""
    return given.get("primary", PRIMARY), given.get("accent", ACCENT)
