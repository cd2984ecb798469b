"""Dates as pages show them: for readers (in the site's language) and for machines (`<time datetime>`)."""

from __future__ import annotations

import functools
from datetime import date, datetime

from babel.dates import format_date

from generator.model import Release
from generator.strings import Strings, locale_of


def display_date(moment: datetime, strings: Strings) -> str:
    """The date as the site's language writes it ("MAY 2, 2023", "2 mai 2023", "2023年5月2日"):
    CLDR's format through Babel, in the moment's own offset, never shifted."""
    return _shown_day(moment.date(), strings.language, strings.date_format, strings.date_capitals)


@functools.lru_cache(maxsize=1 << 16)
def _shown_day(day: date, language: str, date_format: str, capitals: bool) -> str:
    """One day as a language writes it. Remembered: a listing page shows twenty dates, and an
    archive repeats each day on many pages (Babel's formatting is a tenth of a page's rendering)."""
    shown = format_date(day, format=date_format, locale=locale_of(language))
    return shown.upper() if capitals else shown


def machine_date(release: Release) -> str:
    """The value for <time datetime>: the date, or the full datetime with its offset."""
    return machine_time(release.date, release.date_only)


def machine_time(moment: datetime, date_only: bool = False) -> str:
    return moment.date().isoformat() if date_only else moment.isoformat()
