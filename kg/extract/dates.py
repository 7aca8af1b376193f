"""Dates and numbers as articles write them, normalised to ISO forms.

A month-day without a year stays ``--MM-DD``; a relative date (*Tuesday*, *last week*) is
resolved only against the article's own date, never against today.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"])}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"((?:1[6-9]|20)\d\d)"


def _iso(y: int | None, m: int | None, d: int | None) -> str | None:
    try:
        if y and m and d:
            return date(y, m, d).isoformat()
        if y and m:
            return f"{y:04d}-{m:02d}"
        if m and d:
            date(2000, m, d)  # validates the day (2000 is a leap year)
            return f"--{m:02d}-{d:02d}"
        if y:
            return f"{y:04d}"
    except ValueError:
        return None
    return None


def normalise_date(text: str, doc_date: str | None = None) -> str | None:
    """ISO form of a date phrase, or None when the phrase gives no date.

    Examples
    --------
    >>> normalise_date("May 31")
    '--05-31'
    >>> normalise_date("the April 1989")
    '1989-04'
    >>> normalise_date("February 27, 1970")
    '1970-02-27'
    >>> normalise_date("Tuesday") is None
    True
    >>> normalise_date("Tuesday", "2019-06-27")
    '2019-06-25'
    >>> normalise_date("March 6", "2024-03-14"), normalise_date("December 20", "2024-01-05")
    ('2024-03-06', '2023-12-20')
    """
    found = _absolute(text, doc_date)
    if found is not None and found.startswith("--") and doc_date:
        return _nearest_year(found, doc_date)
    return found


def _nearest_year(month_day: str, doc_date: str) -> str:
    """A day without a year in an article of a known date: that day in the year that puts it
    nearest the article (*December 20* in a January article is last December)."""
    try:
        ref = date.fromisoformat(doc_date[:10])
        m, d = int(month_day[2:4]), int(month_day[5:7])
        options = [date(y, m, d) for y in (ref.year - 1, ref.year, ref.year + 1) if not (m == 2 and d == 29)
                   or y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)]
    except ValueError:
        return month_day
    return min(options, key=lambda x: abs((x - ref).days)).isoformat() if options else month_day


def _absolute(text: str, doc_date: str | None) -> str | None:
    t = text.strip().lower().replace("\u2019", "'")
    t = re.sub(r"^(?:on|in|since|by|from|the|of|as of|early|late|mid|mid-)\s+", "", t)
    m = re.search(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b", t)
    if m:
        return _iso(int(m.group(3)) if m.group(3) else None, MONTHS[m.group(1)[:3] if m.group(1)[:4] != "sept" else "sept"], int(m.group(2)))
    m = re.search(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b", t)
    if m:
        return _iso(int(m.group(3)) if m.group(3) else None, MONTHS[m.group(2)[:3]], int(m.group(1)))
    m = re.search(rf"\b{_MONTH},?\s+{_YEAR}\b", t)
    if m:
        return _iso(int(m.group(2)), MONTHS[m.group(1)[:3]], None)
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:t.*)?", t)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if re.search(r"\b(\d{4})s\b|\bcentury\b", t):
        return None
    m = re.fullmatch(rf"(?:the\s+)?(?:year\s+)?{_YEAR}", t)
    if m:
        return _iso(int(m.group(1)), None, None)
    return _relative(t, doc_date)


def _relative(t: str, doc_date: str | None) -> str | None:
    if not doc_date:
        return None
    try:
        ref = date.fromisoformat(doc_date[:10])
    except ValueError:
        return None
    if t in ("today", "this morning", "tonight", "this evening", "this afternoon"):
        return ref.isoformat()
    if t in ("yesterday", "last night"):
        return (ref - timedelta(days=1)).isoformat()
    for i, name in enumerate(WEEKDAYS):
        if re.fullmatch(rf"(?:last\s+|this\s+|on\s+)?{name}", t):
            back = (ref.weekday() - i) % 7
            return (ref - timedelta(days=back or (7 if t.startswith("last") else 0))).isoformat()
    if t in ("this month", "earlier this month", "later this month"):
        return f"{ref.year:04d}-{ref.month:02d}"
    if t == "last month":
        first = ref.replace(day=1) - timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}"
    if t in ("this year", "earlier this year"):
        return f"{ref.year:04d}"
    if t == "last year":
        return f"{ref.year - 1:04d}"
    return None


def parse_number(text: str, scales: dict[str, int], words: dict[str, int]) -> float | None:
    """A number as written (*12 million*, *12M+*, *1.5bn*, *four*, *3,000*), or None.

    >>> from kg.extract.lexicon import lexicon
    >>> parse_number("more than 12 million", lexicon().scales, lexicon().number_words)
    12000000.0
    >>> parse_number("12M+", lexicon().scales, lexicon().number_words)
    12000000.0
    """
    t = text.strip().lower().replace(",", "")
    t = re.sub(r"^(?:more than|over|nearly|almost|about|around|some|roughly|approximately|at least|just under|"
               r"just over|up to|fewer than|less than|a staggering|an estimated)\s+", "", t)
    t = t.lstrip("$£€¥").rstrip("+").strip()
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([a-z]+)?", t)
    if m:
        scale = 1
        if m.group(2):
            if m.group(2) not in scales:
                return None
            scale = scales[m.group(2)]
        return float(m.group(1)) * scale
    m = re.fullmatch(r"([a-z -]+?)(?:\s+([a-z]+))?", t)
    if m and m.group(1).strip() in words:
        scale = scales.get(m.group(2) or "", 1) if m.group(2) else 1
        if m.group(2) and m.group(2) not in scales:
            return None
        return float(words[m.group(1).strip()]) * scale
    if t in words:
        return float(words[t])
    return None
