"""Dates as pages show them: for readers (in the site's language) and for machines (`<time datetime>`)."""

from __future__ import annotations

from datetime import datetime

from babel.dates import format_date

from generator.model import Release
from generator.strings import Strings


def display_date(moment: datetime, strings: Strings) -> str:
    """The date as the site's language writes it ("MAY 2, 2023", "2 mai 2023", "2023年5月2日"):
    CLDR's format through Babel, in the moment's own offset, never shifted."""
    shown = format_date(moment.date(), format=strings.date_format, locale=strings.locale)
    return shown.upper() if strings.date_capitals else shown


def machine_date(release: Release) -> str:
    """The value for <time datetime>: the date, or the full datetime with its offset."""
    return machine_time(release.date, release.date_only)


def machine_time(moment: datetime, date_only: bool = False) -> str:
    return moment.date().isoformat() if date_only else moment.isoformat()
