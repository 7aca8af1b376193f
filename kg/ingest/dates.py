"""Publication dates from metadata or an article's dateline, as ISO ``YYYY-MM-DD``; anything
unclear stays None."""
from __future__ import annotations

import re
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


# --- datelines: a publication date written at the top of the article itself ----------------------------

_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = (rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH}),?\s+(?P<y1>(?:19|20)\d\d)"
         rf"|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d)"
         r"|(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?)")
_WEEKDAY = r"(?:(?:Mon|Tue(?:s)?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)"
_TIME = (r"(?:\s*(?:,|at|-|\|)?\s*\d{1,2}(?:[:.]\d\d){1,2}\s*(?:[ap]\.?m\.?)?"
         r"(?:\s*\(?(?:[A-Z]{2,5}|GMT|UTC)(?:\s*[+-]\d{1,2}(?::?\d\d)?)?\)?)?)")
_LABEL = r"(?P<label>(?:first\s+|originally\s+)?published|(?:last\s+)?updated|posted|date(?:d)?|filed)"
# A line that is only a date: "Published: Tuesday 25 June 2019, 10:00 BST", "By Jo Bloggs | May 31, 2019".
_DATE_LINE = re.compile(
    rf"^\s*(?:By\s+[^\n|•·]{{1,60}}?\s*[|•·,–—-]\s*)?(?:{_LABEL}\s*(?:on|at)?\s*:?\s*)?{_WEEKDAY}?{_DATE}{_TIME}?"
    r"\s*[.|]?\s*$", re.IGNORECASE)
# A dateline opening the first paragraph: "LONDON, June 25, 2019 (Reuters) — …".
_DATELINE = re.compile(
    rf"^\s*[A-Z][A-Za-z .'’-]{{1,40}},\s*{_WEEKDAY}?{_DATE}\s*(?:\([^()\n]{{1,30}}\)\s*)?[-—–:]")
HEADER_LINES = 8  # a dateline is in the first lines of an article, before its body


def dateline_date(text: str) -> str | None:
    """The publication date an article writes at its top, as ISO ``YYYY-MM-DD``, or None.

    Looks at the first few non-empty lines for a line that is only a date (optionally labelled
    *Published*, *Posted*, *Updated*, with a weekday, a time or a byline) or for a news dateline
    opening the body (*CITY, DATE (AGENCY) —*). A *published* date wins over an unlabelled one, and
    either over an *updated* one; a date without a year is never guessed.

    Examples
    --------
    >>> dateline_date("Harbour Lights returns\\nPublished: Tuesday 25 June 2019, 10:00 BST\\n\\nThe series…")
    '2019-06-25'
    >>> dateline_date("LONDON, May 31, 2019 (Reuters) - The film premiered on Friday.")
    '2019-05-31'
    >>> dateline_date("Updated 2 June 2019\\nPosted 31 May 2019\\nText.")
    '2019-05-31'
    >>> dateline_date("The film premiered on May 31, 2019 in London.") is None  # a date in a sentence
    True
    >>> dateline_date("NEW YORK, May 31 (AP) — No year here.") is None
    True
    """
    found: dict[int, str] = {}  # rank (0 best) → date
    lines = [line for line in text[:2000].splitlines() if line.strip()][:HEADER_LINES]
    for line in lines:
        match = _DATE_LINE.match(line) or _DATELINE.match(line)
        if not match:
            continue
        date = _date_of(match)
        if date is None:
            continue
        label = (match.groupdict().get("label") or "").lower()
        rank = 2 if "updated" in label else 0 if label else 1
        found.setdefault(rank, date)
    return found[min(found)] if found else None


def _date_of(match: re.Match[str]) -> str | None:
    g = match.groupdict()
    if g.get("y3"):
        year, month, day = int(g["y3"]), int(g["m3"]), int(g["d3"])
    else:
        n = "1" if g.get("y1") else "2"
        name = g[f"m{n}"].rstrip(".").lower()
        month = next(i for i, m in enumerate(_MONTH_NAMES, 1) if m.startswith(name[:3]))
        year, day = int(g[f"y{n}"]), int(g[f"d{n}"])
    try:
        return datetime(year, month, day).date().isoformat()
    except ValueError:  # 31 June
        return None
