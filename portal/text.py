"""Shared by every stage: text normalisation and slugs, one place for both, used by every stage."""

from __future__ import annotations

import bisect
import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable

from slugify import slugify as _slugify

SLUG_MAX_LENGTH = 80
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# Control characters (pasted from Word) break XML feeds and mean nothing in HTML. Invisible
# format characters can disguise text: the bidi embeddings, overrides and isolates (U+202A-E,
# U+2066-9) and marks (U+200E, U+200F, U+061C) make a title display reversed ("113" read as
# "311"), and a zero-width space, word joiner, soft hyphen or stray BOM hides inside a number
# or an address. Vietnamese needs none of them: its marks are combining letters, which NFC
# composes.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u034f\u061c\u180e\u200b\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufffe\uffff]"
)
# Zero-width (non-)joiners shape emoji in a body; in a field (a title, a number, an address)
# they only hide.
_JOINERS = re.compile("[\u200c\u200d]")


_NEWLINE = re.compile("\n")


class Lines:
    """The line of any offset in a text, each found in logarithmic time: a body with
    thousands of links is not counted from its start once per link."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks: list[int] | None = None  # counted at the first question: most texts get none

    def of(self, offset: int) -> int:
        """The 0-based line that holds `offset`."""
        if self.breaks is None:
            self.breaks = [match.start() for match in _NEWLINE.finditer(self.text)]
        return bisect.bisect_left(self.breaks, offset)


# Code in Markdown: fenced blocks, and spans between equal runs of backticks (each span stops
# at the next backtick, so unmatched ones cost linear time).
_FENCE = re.compile(r"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)[^`\n]+\1(?!`)")


def blank_code(markdown: str) -> str:
    """`markdown` with its code blocks and spans blanked out, offsets and lines kept: what
    is written in code is shown as it is, never a link or a photo."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, markdown))


def normalize_text(text: str, newlines: bool = True) -> str:
    """NFC, no BOM, LF line endings, no control or invisible format characters.

    Files from macOS arrive in NFD, from Windows with CRLF, from Word with stray controls.
    `newlines=False` keeps CR as it is, for a CSV reader that tells a CR inside a cell from a
    line ending.
    """
    if newlines:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))


def without_joiners(text: str) -> str:
    """Fields (front matter, document metadata, mkdocs.yml) carry no zero-width joiners."""
    return _JOINERS.sub("", text)


@functools.lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """Lowercase ASCII slug; python-slugify maps "đ" to "d" (MkDocs' toc.slugify drops it).

    Long slugs are cut at a word boundary here: python-slugify's own word_boundary option
    drops words from the middle.
    """
    # An explicit backend: "auto" retries a failing import of `unidecode` on every call.
    slug = _slugify(unicodedata.normalize("NFC", text), backend="text-unidecode")
    if len(slug) <= SLUG_MAX_LENGTH:
        return slug
    head = slug[: SLUG_MAX_LENGTH + 1]
    return head.rsplit("-", 1)[0] if "-" in head else slug[:SLUG_MAX_LENGTH]


def is_slug(text: str) -> bool:
    return bool(_SLUG_RE.match(text))


def fold(text: str) -> str:
    """Casefolded NFC text with single spaces: the identity of a tag or a category name."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def bare(text: str) -> str:
    """What a typist on a phone may leave out: diacritics (đ too), case, spaces, hyphens."""
    return slugify(text).replace("-", "")


def closest(value: str, options: Iterable[str]) -> str | None:
    """The option an editor most likely meant, ignoring diacritics, case and spacing; None
    when nothing is close enough to suggest with confidence."""
    by_key: dict[str, str] = {}
    for option in options:
        by_key.setdefault(bare(option), option)
    key = bare(value)
    if key in by_key:
        return by_key[key]
    match = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.8)
    return by_key[match[0]] if match else None


# Each scan stops at the next opening mark (a link's address may hold one pair of parentheses),
# so a body of unclosed "[", "(" or "<" costs linear time, not the square of its length.
_MD_IMAGE = re.compile(r"!\[[^\[\]]*\]\((?:[^()]|\([^()]*\))*+\)")
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\((?:[^()]|\([^()]*\))*+\)")
_MD_MARKS = re.compile(r"[*_`~]+|<[^<>]+>")


def first_paragraph(markdown: str) -> str:
    """Plain text of the first prose paragraph: the default summary of an item."""
    for block in re.split(r"\n\s*\n", markdown.strip()):
        block = block.strip()
        if not block or block.startswith(("#", "|", ">", "```", "<", "---")):
            continue
        text = _MD_IMAGE.sub("", block)
        text = _MD_LINK.sub(r"\1", text)
        text = _MD_MARKS.sub("", text)
        text = " ".join(text.split())
        if text:
            return text
    return ""


# A sentence ends at . ! ? or … before a space, unless the word before is an abbreviation such as
# "TP." or "Q." (Thành phố, Quận): short and capitalised.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»)]?\s+")
_ABBREVIATION = re.compile(r"(?:^|\s)[A-ZĐ][\w]{0,2}\.$")


def whole_sentences(text: str, limit: int = 240) -> str:
    """The leading sentences of `text` that fit in `limit` characters: a summary that ends on a
    full sentence. A lead-in ending in ":" (the list it opens is not in the summary) ends with
    "." instead; a first sentence too long for the limit is cut at a word and ends with "…"."""
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if not _ABBREVIATION.search(text[start : match.start()]):
            sentences.append(text[start : match.start()].strip())
            start = match.end()
    sentences.append(text[start:].strip())
    kept: list[str] = []
    for sentence in filter(None, sentences):
        if kept and len(" ".join([*kept, sentence])) > limit:
            break
        kept.append(sentence)
    summary = " ".join(kept)
    if len(summary) > limit:
        summary = summary[:limit].rsplit(" ", 1)[0].rstrip(",;:–-") + "…"
    if summary.endswith(":"):
        summary = summary[:-1].rstrip() + "."
    return summary


def toc_slugify(value: str, separator: str = "-") -> str:
    """Heading anchors for Python-Markdown's toc: the same slugs as URLs ("Đảng" -> "dang")."""
    return slugify(value).replace("-", separator)


_RUN = re.compile(r"\w*")
_TAGS = re.compile(r"<[^>]+>")


def d_folded_words(html: str) -> str:
    """Words of a page that contain "đ", spelled with "d" ("đảng" -> "dảng"), once each.

    Pagefind folds marks (ả -> a) but "đ" is a letter of its own, so "dang uy" would not find
    "Đảng ủy"; indexing these spellings too lets people search without Vietnamese diacritics.
    They stand between ⟦ and ⟧ so that the search page can leave them out of what it shows
    (content/assets/search.js).
    """
    # From each "đ" to both ends of its word: splitting the whole page into words took three
    # times as long, and a page has a few dozen "đ" in thousands of characters. The word's
    # start is where the same pattern ends in the text read backwards.
    text = _TAGS.sub(" ", html).casefold()
    at = text.find("đ")
    if at < 0:
        return ""
    backwards, size = text[::-1], len(text)
    words: dict[str, None] = {}
    while at >= 0:
        start = at - (_RUN.match(backwards, size - at).end() - (size - at))
        end = _RUN.match(text, at).end()
        words[text[start:end].replace("đ", "d")] = None
        at = text.find("đ", end)
    return f"⟦{' '.join(words)}⟧"


# Vietnamese alphabetical order (with the Latin letters Vietnamese does not use at their places),
# and the tones in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SHAPES = "\u0306\u0302\u031b"  # breve, circumflex, horn: part of the letter (ă, â, ơ, ư …)


@functools.lru_cache(maxsize=65536)
def collation_key(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...], str]:
    """A sort key in Vietnamese order: letters first (Đ right after D, Ơ after Ô), then tones
    (a à ả ã á ạ), then case. Spaces and punctuation sort before digits, digits before
    letters, so "Tân An" comes before "Tân Anh"."""
    letters: list[tuple[int, int]] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char.lower())
        shape = "".join(mark for mark in parts[1:] if mark in _SHAPES)
        letter = unicodedata.normalize("NFC", parts[0] + shape)
        rank = _ALPHABET.find(letter) if len(letter) == 1 else -1
        if rank >= 0:
            letters.append((2, rank))
        elif char.isdigit():
            letters.append((1, ord(char)))
        else:
            letters.append((0 if not char.isalpha() else 3, ord(letter[0])))
        tones.append(max((_TONES.get(mark, 0) for mark in parts[1:]), default=0))
    return tuple(letters), tuple(tones), text.swapcase()  # lower case before upper


def vietnamese_sorted(values: Iterable[str]) -> list[str]:
    return sorted(values, key=collation_key)
