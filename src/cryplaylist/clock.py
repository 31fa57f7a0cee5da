"""The one clock the store's history and backups read: the system's, or ``$CRYPLAYLIST_NOW``.

``CRYPLAYLIST_NOW`` (an ISO 8601 time such as ``2026-11-27T09:30:00+01:00``) fixes
"now", so a test can live through a week of days in a few seconds.
"""

from __future__ import annotations

import os
from datetime import datetime

from cryplaylist.errors import InvalidValue

NOW_ENV = "CRYPLAYLIST_NOW"


def now() -> datetime:
    """The current local time, aware of its offset."""
    given = os.environ.get(NOW_ENV, "").strip()
    if not given:
        return datetime.now().astimezone()
    try:
        moment = datetime.fromisoformat(given)
    except ValueError:
        raise InvalidValue(
            f"{NOW_ENV}={given!r} is not an ISO 8601 time: give one such as 2026-11-27T09:30:00+00:00, or unset it."
        ) from None
    return moment if moment.tzinfo is not None else moment.astimezone()
