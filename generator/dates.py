"""Dates as pages show them: for readers and for machines (`<time datetime>`)."""

from __future__ import annotations

from datetime import datetime

from generator.model import Release

MONTHS = (
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "MAY",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
)


def display_date(moment: datetime) -> str:
    """ "MAY 2, 2023": the date in the moment's own offset, never shifted."""
    return f"{MONTHS[moment.month - 1]} {moment.day}, {moment.year}"


def machine_date(release: Release) -> str:
    """The value for <time datetime>: the date, or the full datetime with its offset."""
    return machine_time(release.date, release.date_only)


def machine_time(moment: datetime, date_only: bool = False) -> str:
    return moment.date().isoformat() if date_only else moment.isoformat()
