"""Bad input: every problem reported at once, path:line: field:, exit 1, site/ untouched."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import Site, release, run_process


def test_all_problems_at_once_and_the_site_stays(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/good.md": release("Good", "2024-01-01", tags=["X"])})
    assert s.build().code == 0
    before = {p: p.read_bytes() for p in s.out.rglob("*") if p.is_file()}
    s.write(
        {
            "content/releases/bad-date.md": release("Bad", "2023-02-30"),
            "content/releases/bad-type.md": release("Bad", "2024-01-01", type="press statment"),
            "site.toml": 'title = "Press"\nper_page = 0\n',
            "content/live.yaml": "- title: x\n  url: javascript:alert(1)\n  starts: 2024-01-01\n  ends: 2024-01-02\n",
        }
    )
    result = s.build()
    assert result.code == 1
    lines = result.err.splitlines()
    assert any(line.startswith(f"{s.root}/content/releases/bad-date.md:5: date:") for line in lines), lines
    assert any(
        line.startswith(f"{s.root}/content/releases/bad-type.md:3: type:") and "did you mean" in line for line in lines
    )
    assert any(line.startswith(f"{s.root}/site.toml:2: per_page:") for line in lines)
    assert any(line.startswith(f"{s.root}/content/live.yaml:2: url:") for line in lines)
    assert "Traceback" not in result.err
    after = {p: p.read_bytes() for p in s.out.rglob("*") if p.is_file()}
    assert after == before


def test_duplicate_slugs_name_both_files(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/releases/2023/dialogue.md": release("One", "2023-01-01"),
            "content/releases/2024/dialogue.md": release("Two", "2024-01-01"),
        }
    )
    result = s.build()
    assert result.code == 1
    assert "2024/dialogue.md:1: slug:" in result.err and "2023/dialogue.md already has" in result.err


def test_tags_sharing_a_slug_are_an_error(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/releases/a.md": release("A", "2023-01-01", tags=['"C++"']),
            "content/releases/b.md": release("B", "2023-01-02", tags=["C"]),
        }
    )
    result = s.build()
    assert result.code == 1
    assert '"C" (' in result.err and '"C++" (' in result.err and 'share the URL slug "c"' in result.err
    assert "a.md" in result.err and "b.md" in result.err


def test_template_errors_name_the_template_and_line(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/releases/a.md": release("A", "2023-01-01"),
            "templates/page.html": "line one\n{% if %}\n",
            "templates/404.html": '{% extends "base.html" %}{% block main %}\n\n{{ nope.title }}{% endblock %}',
        }
    )
    result = s.build()
    assert result.code == 1
    assert f"{s.root}/templates/page.html:2: template: syntax error" in result.err
    s.write({"templates/page.html": "fine\n"})
    result = s.build()
    assert result.code == 1
    assert f"{s.root}/templates/404.html:3: template: 'nope' is undefined (rendering /404.html)" in result.err


def test_a_real_process_prints_no_traceback(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/a.md": "---\ntitle: [unclosed\n---\n"})
    process = run_process(["build", "--source", str(s.root)])
    assert process.returncode == 1
    assert "a.md:2: front matter: YAML syntax error" in process.stderr
    assert "Traceback" not in process.stderr


def test_refuses_an_output_folder_it_did_not_write(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/a.md": release("A", "2023-01-01"), "mine/notes.txt": "precious"})
    result = s.build("--output", str(s.root / "mine"))
    assert result.code == 1 and "refusing" in result.err
    assert (s.root / "mine/notes.txt").read_text() == "precious"
    result = s.build("--output", str(s.root))
    assert result.code == 1 and "refusing" in result.err


def test_live_urls_that_browsers_read_as_other_hosts_are_refused(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/releases/a.md": release("A", "2024-01-01"),
            "content/live.yaml": '- title: "x"\n  url: "/\\\\evil.example/"\n  starts: 2026-11-28T11:00:00Z\n'
            "  ends: 2026-11-28T13:00:00Z\n",
        }
    )
    result = s.build()
    assert result.code == 1 and "live.yaml:2: url:" in result.err
