"""The counter's state with an injectable clock: days in Vietnam time, online window, privacy."""

from datetime import datetime
from pathlib import Path

import pytest

from portal.counter.store import Counter, valid_path
from portal.dates import TZ


class Clock:
    def __init__(self, when: datetime) -> None:
        self.now = when.timestamp()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2024, 8, 28, 23, 58, tzinfo=TZ))


def test_views_are_counted_exactly_per_day_page_and_total(tmp_path: Path, clock: Clock) -> None:
    counter = Counter(tmp_path / "c.sqlite3", clock)
    visitor = counter.visitor("203.0.113.5", "Mozilla/5.0 Test")
    for _ in range(3):
        counter.record("/tin-tuc/a/", visitor)
    counter.record("/", visitor)
    counts = counter.counts("/tin-tuc/a/")
    assert (counts.today, counts.total, counts.page, counts.online) == (4, 4, 3, 1)


def test_today_rolls_over_at_midnight_vietnam_time(tmp_path: Path, clock: Clock) -> None:
    counter = Counter(tmp_path / "c.sqlite3", clock)
    visitor = counter.visitor("203.0.113.5", "UA")
    counter.record("/", visitor)
    clock.advance(119)  # 23:59:59 +07:00 = 16:59:59 UTC: still the same day in Vietnam
    counter.record("/", visitor)
    assert counter.counts().today == 2
    clock.advance(2)  # 00:00:01 +07:00, while UTC is still on the 28th
    assert counter.counts().today == 0
    counter.record("/", visitor)
    assert (counter.counts().today, counter.counts().total) == (1, 3)


def test_online_counts_distinct_visitors_for_five_minutes(tmp_path: Path, clock: Clock) -> None:
    counter = Counter(tmp_path / "c.sqlite3", clock)
    a, b = counter.visitor("198.51.100.1", "UA"), counter.visitor("198.51.100.2", "UA")
    counter.record("/", a)
    counter.record("/x/", a)
    clock.advance(60)
    counter.record("/", b)
    assert counter.counts().online == 2
    clock.advance(4 * 60 + 1)  # a was last seen 5 min 1 s ago
    assert counter.counts().online == 1
    clock.advance(60)
    assert counter.counts().online == 0


def test_a_visitor_is_the_same_within_a_day_and_new_the_next(tmp_path: Path, clock: Clock) -> None:
    counter = Counter(tmp_path / "c.sqlite3", clock)
    first = counter.visitor("203.0.113.5", "UA")
    assert counter.visitor("203.0.113.5", "UA") == first
    assert counter.visitor("203.0.113.5", "other UA") != first
    clock.advance(3 * 60)  # past midnight: a new salt
    assert counter.visitor("203.0.113.5", "UA") != first


def test_no_address_or_user_agent_reaches_the_disk(tmp_path: Path, clock: Clock) -> None:
    counter = Counter(tmp_path / "c.sqlite3", clock)
    for n in range(20):
        counter.record("/tin-tuc/a/", counter.visitor(f"203.0.113.{n}", "SecretAgent/1.0"))
    counter.close()
    stored = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert stored  # the database and its WAL
    for secret in (b"203.0.113.", b"SecretAgent"):
        assert secret not in stored


def test_counts_survive_a_restart(tmp_path: Path, clock: Clock) -> None:
    counter = Counter(tmp_path / "c.sqlite3", clock)
    counter.record("/", counter.visitor("203.0.113.5", "UA"))
    counter.record("/", counter.visitor("203.0.113.5", "UA"))
    del counter  # no close(): as after a crash
    again = Counter(tmp_path / "c.sqlite3", clock)
    assert (again.counts("/").total, again.counts("/").page) == (2, 2)


@pytest.mark.parametrize(
    ("path", "ok"),
    [
        ("/tin-tuc/a/", True),
        ("/", True),
        ("tin-tuc/a/", False),
        ("//evil.example/", False),
        ("/a?q=1", False),
        ("/" + "a" * 600, False),
        ("/a\nb", False),
        (42, False),
        (None, False),
    ],
)
def test_valid_path(path: object, ok: bool) -> None:
    assert valid_path(path) is ok
