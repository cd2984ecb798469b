"""The GitHub Actions workflows (this repository's, and the one `generator init` writes): build
on push and on a schedule, fail on broken links and images, publish to Pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github/workflows/publish.yml"
STARTER = ROOT / "generator/starter/dot-github/workflows/publish.yml"
BUILD = "generator build --strict-links"


def load(path: Path = WORKFLOW) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text())
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return dict(data)


both = pytest.mark.parametrize("path", [WORKFLOW, STARTER], ids=["repository", "init"])


@both
def test_it_builds_on_push_to_main_and_on_a_schedule(path: Path) -> None:
    triggers = load(path)["on"]
    assert triggers["push"]["branches"] == ["main"]
    assert [entry["cron"] for entry in triggers["schedule"]] == ["*/15 * * * *"]


@both
def test_it_builds_then_publishes_the_site_folder_to_pages(path: Path) -> None:
    workflow = load(path)
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build = workflow["jobs"]["build"]["steps"]
    commands = [step.get("run", "") for step in build]
    assert BUILD in commands
    uses = [step.get("uses", "").split("@")[0] for step in build]
    assert uses.index("actions/upload-pages-artifact") > commands.index(BUILD)
    assert next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact"))["with"] == {
        "path": "site"
    }
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


@both
def test_its_comments_say_how_to_publish_in_spite_of_broken_links(path: Path) -> None:
    assert "remove the flag" in path.read_text() or "remove --strict-links" in path.read_text()


def test_the_one_init_writes_differs_only_in_how_it_installs_the_generator() -> None:
    ours, theirs = load(WORKFLOW), load(STARTER)
    install = {"name": "Install the generator"}
    steps = [[s for s in w["jobs"]["build"]["steps"] if s.get("name") != install["name"]] for w in (ours, theirs)]
    assert steps[0] == steps[1]
    assert {k: v for k, v in ours.items() if k != "jobs"} == {k: v for k, v in theirs.items() if k != "jobs"}
    assert ours["jobs"]["deploy"] == theirs["jobs"]["deploy"]
    step = next(s for s in theirs["jobs"]["build"]["steps"] if s.get("name") == install["name"])
    assert step["run"] == 'python -m pip install "press-generator==@VERSION@"'
