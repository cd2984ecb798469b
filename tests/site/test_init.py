"""`generator init FOLDER`: a new site folder that builds at once, with nothing of the sample site."""

from __future__ import annotations

import re
import tomllib
from datetime import datetime
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from generator.config import _SETTINGS, SiteConfig, load_config
from tests.conftest import NOW, run_cli, run_process

FILES = [
    ".github/workflows/publish.yml",
    ".gitignore",
    "content/offices.yaml",
    "content/pages/about.md",
    "content/releases/{year}/example-release.md",
    "site.toml",
]


def made(tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / "press"
    result = run_cli(["init", str(folder)])
    assert result.code == 0, result.err
    return folder, result.out


def year() -> str:
    return str(datetime.now().astimezone().year)


def files_of(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_it_writes_the_site_and_prints_the_next_steps(tmp_path: Path) -> None:
    folder, out = made(tmp_path)
    expected = [f.format(year=year()) for f in FILES]
    assert files_of(folder) == expected
    assert out.splitlines()[: len(FILES) + 1] == [f"Made a new site in {folder}/:", *(f"  {f}" for f in expected)]
    assert f"  cd {folder}" in out.splitlines()
    assert "  generator serve        preview it at http://127.0.0.1:8000/ (drafts included, marked DRAFT)" in out
    assert '  generator new "Title of the release" --type "press statement" --office "Press Office"' in out
    assert "  generator build        build the public site into site/ (drafts left out)" in out


def test_the_new_site_builds_strictly_without_a_warning_and_publishes_no_draft(tmp_path: Path) -> None:
    folder, _ = made(tmp_path)
    built = run_process(["build", "--strict", "--strict-links", "--now", NOW], cwd=folder)
    assert built.returncode == 0, built.stderr
    assert built.stderr == ""
    site = folder / "site"
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.title is not None and "Press Office" in home.title.get_text()
    about = BeautifulSoup((site / "about/index.html").read_text(encoding="utf-8"), "html.parser")
    assert about.h1 is not None and about.h1.get_text(strip=True) == "About this site"
    assert not (site / "releases/example-release").exists()
    for path in site.rglob("*"):
        if path.is_file():
            assert b"Replace This Title" not in path.read_bytes(), path
    checked = run_process(["check", "--strict", "--now", NOW], cwd=folder)
    assert checked.returncode == 0 and checked.stdout == "0 errors, 0 warnings\n", checked.stderr


def test_with_its_draft_line_removed_the_example_release_is_published(tmp_path: Path) -> None:
    folder, _ = made(tmp_path)
    release = folder / f"content/releases/{year()}/example-release.md"
    text = release.read_text(encoding="utf-8")
    assert "\ndraft: true\n" in text
    release.write_text(text.replace("draft: true\n", ""), encoding="utf-8")
    built = run_cli(["build", "--source", str(folder), "--strict", "--strict-links"])
    assert built.code == 0, built.err
    page = BeautifulSoup((folder / "site/releases/example-release/index.html").read_text(), "html.parser")
    assert page.h1 is not None and page.h1.get_text(strip=True) == "Example Release: Replace This Title"
    office = BeautifulSoup((folder / "site/offices/press-office/index.html").read_text(), "html.parser")
    assert "Example Release: Replace This Title" in office.get_text()


def test_the_example_release_is_a_draft_dated_today(tmp_path: Path) -> None:
    folder, _ = made(tmp_path)
    text = (folder / f"content/releases/{year()}/example-release.md").read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["draft"] is True
    assert front["date"] == datetime.now().astimezone().date()
    assert front["office"] == "Press Office" and front["type"] == "press statement"


def test_site_toml_names_every_setting_with_the_defaults_it_says(tmp_path: Path) -> None:
    folder, _ = made(tmp_path)
    text = (folder / "site.toml").read_text(encoding="utf-8")
    named = set(re.findall(r"^#? ?\[?\[?(\w+)\]?\]?(?: =|$)", text, re.MULTILINE))
    assert set(_SETTINGS) <= named, f"settings not in the starter site.toml: {set(_SETTINGS) - named}"
    config, problems = load_config(text, "site.toml")
    assert problems == []
    own = {"title", "description", "organization"}
    raw = tomllib.loads(text)
    for key in raw.keys() - own:
        assert getattr(config, key) == getattr(SiteConfig(), key), key
    assert config.title == "Press Office"
    for line in text.splitlines():
        assert not line.startswith(" "), line  # each setting and comment at the left margin


def test_offices_yaml_has_one_office_in_the_vocabulary_format(tmp_path: Path) -> None:
    folder, _ = made(tmp_path)
    offices = yaml.safe_load((folder / "content/offices.yaml").read_text(encoding="utf-8"))
    assert [o["name"] for o in offices] == ["Press Office"]
    office = offices[0]
    assert set(office) == {"name", "slug", "description", "boilerplate", "contacts"}
    assert office["contacts"] == [
        {"name": "Press Desk", "role": "Media enquiries", "email": "press@example.org", "phone": "+1 555 0100"}
    ]


def test_gitignore_leaves_out_what_builds_make(tmp_path: Path) -> None:
    folder, _ = made(tmp_path)
    lines = [line for line in (folder / ".gitignore").read_text().splitlines() if line and not line.startswith("#")]
    assert lines == ["/site/", "/.site.*", "/.cache/"]


def test_nothing_of_the_sample_site_is_in_it(tmp_path: Path) -> None:
    folder, _ = made(tmp_path)
    for name in files_of(folder):
        text = (folder / name).read_text(encoding="utf-8")
        for word in ("Eskeland", "Halvik", "Varga", "Norland", "shield"):
            assert word.lower() not in text.lower(), (name, word)
    assert not [n for n in files_of(folder) if n.endswith((".svg", ".png", ".jpg", ".ico"))]


def test_a_folder_that_is_not_empty_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    folder = tmp_path / "press"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    result = run_cli(["init", str(folder)])
    assert result.code == 1
    assert result.err == (
        f"error: {folder} is not empty (it holds notes.txt); init makes a new site in a new or empty folder, "
        "and never changes an existing one\n"
    )
    assert files_of(folder) == ["notes.txt"] and (folder / "notes.txt").read_text() == "mine"


def test_a_fresh_clone_of_an_empty_repository_counts_as_empty(tmp_path: Path) -> None:
    folder = tmp_path / "press"
    (folder / ".git").mkdir(parents=True)
    (folder / ".git/HEAD").write_text("ref: refs/heads/main\n")
    result = run_cli(["init", str(folder)])
    assert result.code == 0, result.err
    assert (folder / ".git/HEAD").read_text() == "ref: refs/heads/main\n"
    assert (folder / "site.toml").is_file()


def test_a_site_folder_is_refused_naming_a_few_of_its_entries(tmp_path: Path) -> None:
    folder, _ = made(tmp_path)
    result = run_cli(["init", str(folder)])
    assert result.code == 1
    assert f"error: {folder} is not empty (it holds .github, .gitignore, content and 1 more);" in result.err


def test_a_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "press"
    path.write_text("x")
    result = run_cli(["init", str(path)])
    assert result.code == 1
    assert result.err == f"error: {path} is a file (expected a new or empty folder for the new site)\n"


def test_an_empty_current_folder_is_used_without_a_cd_step(tmp_path: Path) -> None:
    result = run_process(["init", "."], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Made a new site in ./:\n")
    assert "  cd " not in result.stdout
    assert (tmp_path / "site.toml").is_file()


def test_help_shows_examples() -> None:
    result = run_cli(["init", "--help"])
    assert result.code == 0
    assert "generator init press " in result.out and "generator init . " in result.out
    assert "generator serve" in result.out
