"""The GitHub Actions workflow README.md offers: builds on push and on a schedule, publishes to Pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

WORKFLOW = Path(__file__).resolve().parents[2] / ".github/workflows/publish.yml"


def load() -> dict[str, Any]:
    data = yaml.safe_load(WORKFLOW.read_text())
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return dict(data)


def test_it_builds_on_push_to_main_and_on_a_schedule() -> None:
    triggers = load()["on"]
    assert triggers["push"]["branches"] == ["main"]
    assert [entry["cron"] for entry in triggers["schedule"]] == ["*/15 * * * *"]


def test_it_builds_then_publishes_the_site_folder_to_pages() -> None:
    workflow = load()
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build = workflow["jobs"]["build"]["steps"]
    commands = [step.get("run", "") for step in build]
    assert "generator build" in commands
    uses = [step.get("uses", "").split("@")[0] for step in build]
    assert uses.index("actions/upload-pages-artifact") > commands.index("generator build")
    assert next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact"))["with"] == {
        "path": "site"
    }
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
