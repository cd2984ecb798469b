"""`generator new` writes a draft in its year's folder, says how to preview and publish it, never
overwrites, and names the arguments (never a file it did not write) when they are wrong."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import Site, release, run_cli

NEW = ["new", "Travel to Caldoria", "--type", "travel", "--office", "Office of the Spokesperson"]


def test_new_release_is_a_draft_in_its_year_folder_and_builds(site: Callable[[dict[str, str]], Site]) -> None:
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
    path = s.root / "content/releases/2024/minister-s-remarks-on-fisheries.md"
    assert result.out.splitlines() == [
        str(path),
        "It is a draft (draft: true): builds leave it out until it is published.",
        f"Preview it:  generator serve --source {s.root}  then open "
        "http://127.0.0.1:8000/releases/minister-s-remarks-on-fisheries/",
        'Publish it:  replace "Write the release here." with the release\'s text,',
        '             delete the line "draft: true", and build (or push) the site.',
    ]
    text = path.read_text()
    assert "date: 2024-05-02T10:00:00+02:00\n" in text and "\ndraft: true\n" in text
    assert s.build().code == 0
    assert not (s.out / "releases/minister-s-remarks-on-fisheries").exists()
    assert s.build("--drafts").code == 0
    page = s.page("releases/minister-s-remarks-on-fisheries/")
    assert page.select_one("h1").get_text() == 'Minister’s "Remarks" on Fisheries'
    assert [a.get_text() for a in page.select(".release-tags a")] == ["Norland", "Fisheries"]


def test_publishing_the_placeholder_is_an_error_in_build_and_check(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/2024/kept.md": release("Kept")})
    assert run_cli([*NEW, "--date", "2024-06-01", "--source", str(s.root)]).code == 0
    path = s.root / "content/releases/2024/travel-to-caldoria.md"
    path.write_text(path.read_text().replace("draft: true\n", ""))
    shown = f"{s.root}/content/releases/2024/travel-to-caldoria.md"
    message = (
        f'{shown}:8: body: still holds the placeholder "Write the release here." and the release is not a draft '
        '(expected the release\'s text in its place, or "draft: true" to keep it unpublished)'
    )
    built = s.build()
    assert built.code == 1 and built.err.splitlines()[0] == message
    assert not s.out.exists()
    checked = run_cli(["check", "--source", str(s.root), "--now", "2026-11-28T12:00:00+00:00"])
    assert checked.code == 1 and message in checked.err.splitlines()
    path.write_text(path.read_text().replace("Write the release here.", "Minister Loeke travels to Caldoria."))
    assert s.build().code == 0
    assert s.page("releases/travel-to-caldoria/").select_one("h1").get_text() == "Travel to Caldoria"


def test_new_refuses_to_overwrite_or_to_repeat_a_slug(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/2023/statement.md": "mine"})
    again = run_cli(["new", "Statement", "--type", "media note", "--office", "X", "--source", str(s.root)])
    assert again.code == 1
    assert again.err == (
        f'error: {s.root}/content/releases/2023/statement.md already exists with the slug "statement"; '
        "choose another title or edit that file\n"
    )
    assert (s.root / "content/releases/2023/statement.md").read_text() == "mine"
    assert sorted(p.name for p in (s.root / "content/releases").rglob("*")) == ["2023", "statement.md"]


def test_an_unknown_type_gets_did_you_mean_and_names_no_file(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/pages/about.md": "---\ntitle: About\n---\n"})
    unknown = run_cli(["new", "Other", "--type", "Media Nte", "--office", "X", "--source", str(s.root)])
    assert unknown.code == 1
    assert unknown.err.startswith(
        'error: --type: "Media Nte" is not a release type of this site; did you mean "media note"? '
        '(expected one of "press statement", "media note",'
    )
    assert "content/releases" not in unknown.err
    empty = run_cli(["new", "Other", "--type", "readout", "--office", " ", "--source", str(s.root)])
    assert empty.err == "error: --office: is empty (expected text)\n"
    assert not (s.root / "content/releases").exists()


def test_new_takes_the_listed_spelling_and_refuses_a_name_the_vocabulary_lacks(
    site: Callable[[dict[str, str]], Site],
) -> None:
    s = site(
        {
            "content/offices.yaml": "- name: Office of the Spokesperson\n",
            "content/tags.yaml": "- Norland\n- Fisheries\n",
            "content/pages/about.md": "---\ntitle: About\n---\n",
        }
    )
    base = ["new", "Talks", "--type", "readout", "--date", "2024-05-02", "--source", str(s.root)]
    wrong = run_cli([*base, "--office", "Ofice of the Spokesperson"])
    assert wrong.code == 1
    assert wrong.err == (
        f'error: --office: "Ofice of the Spokesperson" is not in {s.root}/content/offices.yaml; '
        'did you mean "Office of the Spokesperson"? (expected an office listed there)\n'
    )
    tag = run_cli([*base, "--office", "Office of the Spokesperson", "--tags", "Norland, Fishries"])
    assert tag.code == 1
    assert tag.err == (
        f'error: --tags: "Fishries" is not in {s.root}/content/tags.yaml; did you mean "Fisheries"? '
        "(expected a tag listed there)\n"
    )
    assert not (s.root / "content/releases").exists()
    made = run_cli([*base, "--office", "office of the  SPOKESPERSON", "--tags", "norland"])
    assert made.code == 0, made.err
    text = (s.root / "content/releases/2024/talks.md").read_text(encoding="utf-8")
    assert 'office: "Office of the Spokesperson"\n' in text and 'tags: ["Norland"]\n' in text


def test_new_defaults_the_date_to_now_in_the_site_zone(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"site.toml": 'timezone = "Asia/Tokyo"\n'})
    (s.root / "content").mkdir()  # a site folder (content/ in it), before its first release
    result = run_cli(["new", "Today", "--type", "media note", "--office", "X", "--source", str(s.root)])
    assert result.code == 0
    (path,) = (s.root / "content/releases").glob("*/today.md")
    assert path.parent.name == path.read_text().split("date: ")[1][:4]  # the year of its date
    assert "+09:00" in path.read_text()


def test_new_help_has_examples() -> None:
    result = run_cli(["new", "--help"])
    assert "examples:\n  generator new " in result.out
    assert "writes content/releases/2026/travel-to-caldoria.md" in result.out
