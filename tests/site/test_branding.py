"""Branding from site.toml: logo, favicon, link-preview image, [colors] and an extra
stylesheet, built by the real CLI; every bad value with its exact `path:line: field:` message."""

from __future__ import annotations

from collections.abc import Callable

from bs4 import BeautifulSoup

from tests.conftest import Site, release

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>\n'
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32

BRANDED = """\
title = "Halvik Press Office"
base_url = "https://press.example.org/"
logo = "files/logo.svg"
favicon = "files/icon.png"
image = "files/preview.png"
stylesheet = "files/extra.css"

[colors]
primary = "#0b4f3c"
accent = "rgb(255 190 46)"
live = "hsl(0 85% 37%)"
"""


def branded(site: Callable[[dict[str, str | bytes]], Site], toml: str = BRANDED) -> Site:
    return site(
        {
            "site.toml": toml,
            "content/releases/a.md": release("Port of Halvik Reopens"),
            "content/pages/about.md": "---\ntitle: About\n---\nAbout us.\n",
            "content/files/logo.svg": SVG,
            "content/files/icon.png": PNG,
            "content/files/preview.png": PNG,
            "content/files/extra.css": ".site-title { letter-spacing: .01em; }\n",
        }
    )


def stylesheets(page: BeautifulSoup) -> list[str]:
    return [str(link["href"]) for link in page.select('link[rel="stylesheet"]')]


def meta(page: BeautifulSoup, key: str) -> list[str]:
    return [str(m["content"]) for m in page.select(f'meta[property="{key}"], meta[name="{key}"]')]


def test_a_branded_site_shows_its_logo_icon_image_colours_and_stylesheet(
    site: Callable[[dict[str, str | bytes]], Site],
) -> None:
    press = branded(site)
    result = press.build()
    assert result.code == 0, result.err
    for url in ("", "releases/a/", "about/", "tags/", "404.html"):
        page = press.page(url)
        assert [str(img["src"]) for img in page.select(".site-title img")] == ["/files/logo.svg"], url
        assert not page.select(".site-title svg"), url
        assert [str(link["href"]) for link in page.select('link[rel="icon"]')] == ["/files/icon.png"], url
        assert stylesheets(page) == ["/theme/style.css", "/theme/site-colors.css", "/files/extra.css"], url
    home = press.page("")
    assert meta(home, "og:image") == ["https://press.example.org/files/preview.png"]
    assert meta(home, "twitter:image") == ["https://press.example.org/files/preview.png"]
    assert meta(home, "twitter:card") == ["summary_large_image"]
    colors = (press.out / "theme/site-colors.css").read_text(encoding="utf-8")
    assert colors == (
        "/* The [colors] of site.toml. */\n:root {\n  --primary: #0b4f3c;\n  --primary-dark: #083b2d;\n"
        "  --navy: #0b4f3c;\n  --accent: #ffbe2e;\n  --live: #af0e0e;\n}\n"
    )
    assert (press.out / "files/extra.css").is_file() and (press.out / "files/logo.svg").is_file()


def test_a_fresh_site_has_a_neutral_mark_and_the_theme_favicon(site: Callable[[dict[str, str | bytes]], Site]) -> None:
    press = site({"content/releases/a.md": release("Port of Halvik Reopens")})
    assert press.build().code == 0
    page = press.page("")
    mark = page.select_one(".site-title svg.site-emblem")
    assert mark is not None and not page.select(".site-title img")
    assert "#ffbe2e" not in str(mark) and "#162e51" not in str(mark)  # not the sample's gold-and-navy shield
    assert [str(link["href"]) for link in page.select('link[rel="icon"]')] == ["/theme/favicon.svg"]
    assert (press.out / "theme/favicon.svg").read_bytes().startswith(b"<svg")
    assert stylesheets(page) == ["/theme/style.css"]
    assert not (press.out / "theme/site-colors.css").exists()
    assert meta(page, "og:image") == [] and meta(page, "twitter:card") == ["summary"]


def test_the_sample_site_keeps_its_shield_as_its_logo(site: Callable[[dict[str, str | bytes]], Site]) -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    shield = (root / "content/files/eskeland-shield.svg").read_bytes()
    assert b"#ffbe2e" in shield
    assert 'logo = "files/eskeland-shield.svg"' in (root / "site.toml").read_text(encoding="utf-8")


def test_bad_branding_settings_are_each_reported_with_their_line(
    site: Callable[[dict[str, str | bytes]], Site],
) -> None:
    toml = """\
title = "Halvik Press Office"
logo = "files/logo.svgz"
favicon = "/files/icon.png"
image = "files/preveiw.png"
stylesheet = "content/files/extra.css"

[colors]
primary = "navy"
accent = "#ffbe2"
live = "rgb(200 0 0 / 50%)"
backgound = "#fff"
"""
    press = branded(site, toml)
    result = press.build()
    assert result.code == 1
    path = press.root / "site.toml"
    assert result.err.splitlines()[:9] == [
        f'{path}:2: logo: "files/logo.svgz" is not a file of that kind (expected a path relative to content/'
        ' ending in .svg, .png, .jpg, .jpeg, .webp, .gif, .avif, such as "files/logo.svg")',
        f'{path}:3: favicon: "/files/icon.png" is not a path inside content/ (expected a path relative to'
        ' content/ ending in .ico, .png, .svg, such as "files/favicon.ico")',
        f'{path}:4: image: "files/preveiw.png" is not a file under content/; did you mean "files/preview.png"?'
        " (expected a path relative to content/ ending in .png, .jpg, .jpeg, .webp, .gif, such as"
        ' "files/image.png")',
        f'{path}:5: stylesheet: "content/files/extra.css": paths are relative to content/, so write'
        ' "files/extra.css" (expected a path relative to content/ ending in .css, such as "files/stylesheet.css")',
        f'{path}:8: colors.primary: "navy" is not a colour the theme can check for contrast (expected an opaque'
        ' CSS colour: hex such as "#1a4480", "rgb(26 68 128)" or "hsl(215 66% 30%)")',
        f'{path}:9: colors.accent: "#ffbe2" is not a hex colour (3 or 6 hex digits after #) (expected an opaque'
        ' CSS colour: hex such as "#1a4480", "rgb(26 68 128)" or "hsl(215 66% 30%)")',
        f'{path}:10: colors.live: "rgb(200 0 0 / 50%)" is transparent: its contrast depends on what is behind it'
        ' (expected an opaque CSS colour: hex such as "#1a4480", "rgb(26 68 128)" or "hsl(215 66% 30%)")',
        f"{path}:11: colors.backgound: warning: unknown colour, ignored (expected primary, accent, live)",
        "7 errors; nothing was written",
    ]
    assert not press.out.exists()  # nothing written


def test_a_file_in_the_releases_folder_cannot_be_the_logo(site: Callable[[dict[str, str | bytes]], Site]) -> None:
    press = site(
        {
            "site.toml": 'logo = "releases/logo.png"\n',
            "content/releases/a.md": release("Port of Halvik Reopens"),
            "content/releases/logo.png": PNG,
        }
    )
    result = press.build()
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f'{press.root / "site.toml"}:1: logo: "releases/logo.png" is in content/releases/, whose files are'
        " published only when a release links to them (expected a file elsewhere under content/, such as"
        ' "files/logo.png")'
    )


def test_colours_that_fail_wcag_aa_are_warnings_naming_the_pair(
    site: Callable[[dict[str, str | bytes]], Site],
) -> None:
    press = site(
        {
            "site.toml": '[colors]\nprimary = "#7aa7d9"\naccent = "#444"\nlive = "#ff4d4d"\n',
            "content/releases/a.md": release("Port of Halvik Reopens"),
        }
    )
    result = press.build()
    assert result.code == 0, result.err
    path = press.root / "site.toml"
    assert result.err.splitlines()[:3] == [
        f'{path}:2: colors.primary: warning: "#7aa7d9" has a contrast of 2.5:1 with white (its links on the page,'
        " the text on its header bar and buttons), below the 4.5:1 of WCAG AA (expected a colour with 4.5:1 or more)",
        f'{path}:3: colors.accent: warning: "#444" has a contrast of 1.7:1 with the dark text on it (#1b1b1b,'
        " the DRAFT badge), below the 4.5:1 of WCAG AA (expected a colour with 4.5:1 or more)",
        f'{path}:4: colors.live: warning: "#ff4d4d" has a contrast of 3.2:1 with the white "Live now" label on it,'
        " below the 4.5:1 of WCAG AA (expected a colour with 4.5:1 or more)",
    ]
    assert press.build("--strict").code == 1


def test_the_incremental_build_notices_edited_branding_files(site: Callable[[dict[str, str | bytes]], Site]) -> None:
    press = branded(site)
    assert press.build().code == 0
    press.write({"content/files/extra.css": ".site-title { color: #000; }\n", "content/files/logo.svg": SVG + b"\n"})
    assert press.build().code == 0
    assert (press.out / "files/extra.css").read_text(encoding="utf-8") == ".site-title { color: #000; }\n"
    assert (press.out / "files/logo.svg").read_bytes() == SVG + b"\n"
    press.write({"site.toml": BRANDED.replace("#0b4f3c", "#1a4480")})
    assert press.build().code == 0
    assert "--primary: #1a4480;" in (press.out / "theme/site-colors.css").read_text(encoding="utf-8")
    (press.root / "content/files/extra.css").unlink()
    result = press.build()
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f'{press.root / "site.toml"}:6: stylesheet: "files/extra.css" is not a file under content/'
        ' (expected a path relative to content/ ending in .css, such as "files/stylesheet.css")'
    )


def test_a_release_page_offers_the_site_image_to_link_previews(site: Callable[[dict[str, str | bytes]], Site]) -> None:
    import json

    press = branded(site)
    assert press.build().code == 0
    page = press.page("releases/a/")
    assert meta(page, "og:image") == ["https://press.example.org/files/preview.png"]
    found = [json.loads(s.string or "") for s in page.select('script[type="application/ld+json"]')]
    [article] = [item for item in found if item["@type"] == "NewsArticle"]
    assert article["image"] == ["https://press.example.org/files/preview.png"]
