"""Vietnamese collation: Đ right after D, the letters with marks after their base, tones in
dictionary order, for every sorted list the portal shows."""

from __future__ import annotations

import random

import pytest

from portal.content.tables import Table
from portal.text import vietnamese_sorted


@pytest.mark.parametrize(
    "ordered",
    [
        ["Bến Lức", "Cần Đước", "Cần Giuộc", "Dương Xuân", "Đức Hòa", "Đức Huệ", "Tân An",
         "Tân Hưng", "Tân Thạnh", "Thạnh Hóa", "Thủ Thừa"],
        ["a", "à", "ả", "ã", "á", "ạ", "ă", "ằ", "ắ", "â", "ấ", "b"],
        ["Do", "Dơ", "Du", "Dư", "Đa", "Đo", "E", "Ê"],
        ["Tân An", "Tân Anh", "Tân Ân", "Tân Ấn"],
        ["Phường 1", "Phường 2", "Phường Ba", "phường Bốn"],
        ["o", "ô", "ơ", "ờ", "p"],
        ["An ninh", "ANTT", "Ấp"],
    ],
)  # fmt: skip
def test_vietnamese_order(ordered: list[str]) -> None:
    shuffled = ordered[:]
    random.Random(3).shuffle(shuffled)
    assert vietnamese_sorted(shuffled) == ordered


def test_decomposed_text_sorts_as_composed() -> None:
    import unicodedata

    words = ["Đức Hòa", "Dương", "Tân An", "Ấp Bắc"]
    decomposed = [unicodedata.normalize("NFD", w) for w in words]
    assert [unicodedata.normalize("NFC", w) for w in vietnamese_sorted(decomposed)] == (
        vietnamese_sorted(words)
    )


def test_a_list_filter_counts_values_in_vietnamese_order() -> None:
    table = Table(("Đơn vị", "Huyện"), (("A", "Đức Hòa"), ("B", "Tân An"), ("C", "Cần Giuộc")))
    assert [value for value, _ in table.counts("Huyện")] == ["Cần Giuộc", "Đức Hòa", "Tân An"]
