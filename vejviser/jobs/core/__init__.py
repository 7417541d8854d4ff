"""Pure rules of the background jobs (no Django): when a periodic job runs next, and
whether a running job's lease has run out."""

from __future__ import annotations

import datetime as dt

DAY, MONTH = "day", "month"


def next_run(every: str, hour: int, after: dt.datetime) -> dt.datetime:
    """The first time strictly after ``after`` (an aware local time) at ``hour`` o'clock:
    the next day's for ``day``, the first of a month's for ``month``."""
    if every not in (DAY, MONTH):
        raise ValueError(f"unknown period {every!r}")
    tz = after.tzinfo
    day = after.date()
    if every == DAY:
        candidate = dt.datetime.combine(day, dt.time(hour), tz)
        return (
            candidate
            if candidate > after
            else dt.datetime.combine(day + dt.timedelta(days=1), dt.time(hour), tz)
        )
    first = day.replace(day=1)
    candidate = dt.datetime.combine(first, dt.time(hour), tz)
    if candidate > after:
        return candidate
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return dt.datetime.combine(following, dt.time(hour), tz)


def is_stale(heartbeat: dt.datetime | None, now: dt.datetime, lease_seconds: float) -> bool:
    """A running job whose last sign of life is older than the lease (or missing)."""
    return heartbeat is None or (now - heartbeat).total_seconds() > lease_seconds


def parse_worker(name: str) -> tuple[str, int] | None:
    """``host:pid:suffix`` (the worker's name on a job) -> (host, pid); None otherwise."""
    parts = name.split(":")
    if len(parts) < 2 or not parts[1].isdigit():
        return None
    return parts[0], int(parts[1])
