"""The worker run in the test's own process (``vejviser worker --batch``, housekeeping)
shares the test's database connection, which holds the test's transaction. The worker
closes "old" connections between tasks (as a long-running process should); a connection
inside a transaction counts as one, and on PostgreSQL closing it ends the test's
transaction. Django's test client disconnects the same call from its request signals for
the same reason; here the worker's calls are switched off the same way (not in the
browser tests, whose worker runs in a thread of the live server)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _keep_the_test_connection(request: Any, monkeypatch: Any) -> None:
    if request.node.get_closest_marker("browser"):
        return  # a live server's worker thread has connections of its own: left as they are
    from django_tasks_db.management.commands import db_worker

    from vejviser.jobs import runner

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(runner, "close_old_connections", lambda: None)
