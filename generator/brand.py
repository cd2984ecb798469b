"""A site's branding from site.toml: its logo, favicon, link-preview image, extra stylesheet
and `[colors]`, each checked (a file under content/ of the right kind; colours the theme can
show with WCAG AA contrast)."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from dataclasses import dataclass, fields
from typing import Any

from generator.colors import COLOR_EXPECTED, WHITE, Rgb, contrast, parse_color
from generator.errors import Problem, did_you_mean

#: The file settings and the endings each may have (og:image takes no SVG: link previews drop it).
BRAND_FILES: dict[str, tuple[str, ...]] = {
    "logo": (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif"),
    "favicon": (".ico", ".png", ".svg"),
    "image": (".png", ".jpg", ".jpeg", ".webp", ".gif"),
    "stylesheet": (".css",),
}
#: Folders of content/ whose files are published only when a release or page links to them.
_LINKED_ONLY = ("releases/", "pages/")
#: The theme's text colour, which goes on the accent (the DRAFT badge).
INK = Rgb(0x1B, 0x1B, 0x1B)
AA = 4.5


@dataclass(frozen=True)
class Colors:
    """The `[colors]` table: each "#rrggbb" or "" for the theme's own."""

    primary: str = ""  #: header bar, footer, links and buttons (white text on it)
    accent: str = ""  #: the current page's mark, focus rings on dark, the DRAFT badge (dark text on it)
    live: str = ""  #: the "Live now" label of the live banner (white text on it)

    def __bool__(self) -> bool:
        return any((self.primary, self.accent, self.live))

    def css(self) -> str:
        """The theme's custom properties these colours set, as a small stylesheet."""
        lines = []
        if self.primary:
            rgb = parse_color(self.primary)
            assert isinstance(rgb, Rgb), "read_colors keeps only colours"
            dark = rgb.darker(0.75).hex  # hover: darker, so its contrast with white only grows
            lines += [f"  --primary: {rgb.hex};", f"  --primary-dark: {dark};", f"  --navy: {rgb.hex};"]
        if self.accent:
            lines.append(f"  --accent: {self.accent};")
        if self.live:
            lines.append(f"  --live: {self.live};")
        return "/* The [colors] of site.toml. */\n:root {\n" + "\n".join(lines) + "\n}\n"


#: For each colour: what goes with it, named for the editor, and the contrast it needs.
_PAIRS: dict[str, tuple[Rgb, str]] = {
    "primary": (WHITE, "white (its links on the page, the text on its header bar and buttons)"),
    "accent": (INK, "the dark text on it (#1b1b1b, the DRAFT badge)"),
    "live": (WHITE, 'the white "Live now" label on it'),
}
COLOR_KEYS = tuple(f.name for f in fields(Colors))


def file_problem(key: str, value: str, files: Collection[str] | None) -> tuple[str, str] | None:
    """Why `value` cannot be the `key` file (message, expected), or None. `files`: the paths
    under content/, relative to it (None: not known here, only the shape is checked)."""
    endings = BRAND_FILES[key]
    expected = f'a path relative to content/ ending in {", ".join(endings)}, such as "files/{key}{endings[0]}"'
    path = value.strip()
    if not path:
        return "is empty", expected
    if path.startswith(("/", "\\")) or "://" in path or "\\" in path or ".." in path.split("/"):
        return f'"{value}" is not a path inside content/', expected
    if path.startswith("content/"):
        return f'"{value}": paths are relative to content/, so write "{path[len("content/") :]}"', expected
    if not path.lower().endswith(endings):
        return f'"{value}" is not a {"stylesheet" if key == "stylesheet" else "file of that kind"}', expected
    if path.startswith(_LINKED_ONLY):
        folder = path.split("/")[0]
        return f'"{value}" is in content/{folder}/, whose files are published only when a release links to them', (
            'a file elsewhere under content/, such as "files/' + path.rsplit("/", 1)[-1] + '"'
        )
    if files is not None and path not in files:
        hint = did_you_mean(path, [f for f in files if f.lower().endswith(endings)])
        return f'"{value}" is not a file under content/{hint}', expected
    return None


def read_colors(raw: dict[str, Any], line: Callable[[str], int], shown: str) -> tuple[Colors, list[Problem]]:
    """The `[colors]` table as `Colors`, and its problems: errors for what is no colour,
    warnings for unknown keys and for colours that fail WCAG AA (4.5:1) with what goes on them."""
    problems: list[Problem] = []
    values: dict[str, str] = {}
    for key, value in raw.items():
        field_name = f"colors.{key}"
        if key not in COLOR_KEYS:
            hint = did_you_mean(key, COLOR_KEYS)
            message = f"unknown colour, ignored{hint}"
            problems.append(Problem(shown, line(key), field_name, message, ", ".join(COLOR_KEYS), "warning"))
            continue
        rgb = parse_color(value) if isinstance(value, str) else f"is {value!r}"
        if isinstance(rgb, str):
            problems.append(Problem(shown, line(key), field_name, rgb, COLOR_EXPECTED))
            continue
        values[key] = rgb.hex
        other, named = _PAIRS[key]
        ratio = contrast(rgb, other)
        if ratio < AA:
            message = (
                f'"{value}" has a contrast of {math.floor(ratio * 10) / 10}:1 with {named}, below the 4.5:1 of WCAG AA'
            )
            problems.append(Problem(shown, line(key), field_name, message, "a colour with 4.5:1 or more", "warning"))
    return Colors(**values), problems
