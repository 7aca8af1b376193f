"""Publication dates from metadata, as ISO ``YYYY-MM-DD``; anything unclear stays None."""
from __future__ import annotations

from datetime import datetime
from email.utils import parsedate_to_datetime


def iso_date(value: str | None) -> str | None:
    """The calendar date of an ISO 8601 or RFC 2822 timestamp, as written (no time-zone shift).

    Returns None for anything else: a publication date is metadata, not something to guess.

    Examples
    --------
    >>> iso_date("2019-06-25T10:00:00Z")
    '2019-06-25'
    >>> iso_date("Tue, 25 Jun 2019 23:30:00 -0500")
    '2019-06-25'
    >>> iso_date("June 25") is None
    True
    """
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (ValueError, TypeError, IndexError, OverflowError):
        return None
