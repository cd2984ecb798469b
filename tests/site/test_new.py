"""`generator new` writes a valid release, never overwrites, and rejects unknown types."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import Site, run_cli


def test_new_release_builds(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"site.toml": 'timezone = "Europe/Oslo"\n', "content/pages/about.md": "---\ntitle: About\n---\n"})
    result = run_cli(
        [
            "new",
            'Minister’s "Remarks" on Fisheries',
            "--type",
            "Remarks",
            "--office",
            "Office of the Spokesperson",
            "--tags",
            "Norland, Fisheries",
            "--date",
            "2024-05-02T10:00:00+02:00",
            "--source",
            str(s.root),
        ]
    )
    assert result.code == 0, result.err
    path = s.root / "content/releases/minister-s-remarks-on-fisheries.md"
    assert result.out.strip() == str(path)
    assert "date: 2024-05-02T10:00:00+02:00" in path.read_text()
    assert s.build().code == 0
    page = s.page("releases/minister-s-remarks-on-fisheries/")
    assert page.select_one("h1").get_text() == 'Minister’s "Remarks" on Fisheries'
    assert [a.get_text() for a in page.select(".release-tags a")] == ["Norland", "Fisheries"]


def test_new_refuses_to_overwrite_and_unknown_types(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/statement.md": "mine"})
    again = run_cli(["new", "Statement", "--type", "media note", "--office", "X", "--source", str(s.root)])
    assert again.code == 1 and "already exists" in again.err
    assert (s.root / "content/releases/statement.md").read_text() == "mine"
    unknown = run_cli(["new", "Other", "--type", "memo", "--office", "X", "--source", str(s.root)])
    assert unknown.code == 1 and '"memo" is not a release type' in unknown.err and '"media note"' in unknown.err


def test_new_defaults_the_date_to_now_in_the_site_zone(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"site.toml": 'timezone = "Asia/Tokyo"\n'})
    (s.root / "content").mkdir()  # a site folder (content/ in it), before its first release
    result = run_cli(["new", "Today", "--type", "media note", "--office", "X", "--source", str(s.root)])
    assert result.code == 0
    assert "+09:00" in (s.root / "content/releases/today.md").read_text()
