from datetime import UTC, date, datetime, timedelta

import pytest

from portal.dates import TZ, parse_datetime
from portal.vi import format_date, format_number, format_short_date


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (datetime(2013, 3, 19, 14, 10, tzinfo=TZ), "Thứ ba, 19/03/2013, 14:10"),
        (datetime(2018, 2, 8, 0, 0, tzinfo=TZ), "Thứ năm, 08/02/2018"),
        (datetime(2024, 8, 25, 9, 5, tzinfo=TZ), "Chủ nhật, 25/08/2024, 09:05"),
        (datetime(2024, 8, 24, 20, 0, tzinfo=UTC), "Chủ nhật, 25/08/2024, 03:00"),
        (date(2021, 7, 2), "Thứ sáu, 02/07/2021"),
    ],
)
def test_format_date_in_vietnamese_and_vietnam_time(value: datetime, text: str) -> None:
    assert format_date(value) == text


def test_format_date_can_leave_out_the_time() -> None:
    assert (
        format_date(datetime(2013, 3, 19, 14, 10, tzinfo=TZ), with_time=False)
        == "Thứ ba, 19/03/2013"
    )
    assert format_short_date(datetime(2013, 3, 19, 23, 59, tzinfo=TZ)) == "19/03/2013"


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (19732, 0, "19.732"),
        (299882, 0, "299.882"),
        (150, 0, "150"),
        (1.25, 1, "1,2"),
        (1234567.5, 1, "1.234.567,5"),
    ],
)
def test_format_number_uses_vietnamese_separators(value: float, decimals: int, text: str) -> None:
    assert format_number(value, decimals) == text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2013-03-19 14:10", datetime(2013, 3, 19, 14, 10, tzinfo=TZ)),
        ("2013-03-19T14:10:00+07:00", datetime(2013, 3, 19, 14, 10, tzinfo=TZ)),
        ("2013-03-19T07:10:00Z", datetime(2013, 3, 19, 14, 10, tzinfo=TZ)),
        ("2013-03-19", datetime(2013, 3, 19, tzinfo=TZ)),
    ],
)
def test_parse_datetime_defaults_to_vietnam_time(value: str, expected: datetime) -> None:
    parsed = parse_datetime(value)
    assert parsed == expected
    assert parsed.utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize("value", ["19/03/2013", "2013-13-01", "hôm qua", "", 2013, None])
def test_parse_datetime_rejects(value: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        parse_datetime(value)
