"""A real `generator serve` process notices offices.yaml and tags.yaml being saved."""

from __future__ import annotations

import time
from collections.abc import Callable

from tests.conftest import Site, release
from tests.serve.test_serve import Server


def test_saving_a_vocabulary_rebuilds_the_preview(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/a.md": release("Alpha Statement", "2024-01-01", tags=["Norland"])})
    running = Server(s.root)
    try:
        s.write({"content/offices.yaml": "- name: Office of the Spokesperson\n  description: Speaks for us.\n"})
        running.wait_for("/offices/office-of-the-spokesperson/", lambda body: "Speaks for us." in body)
        s.write({"content/tags.yaml": "- Caldoria\n"})
        deadline = time.monotonic() + 20
        while not any('tags: "Norland" is not in' in line for line in running.lines):
            assert time.monotonic() < deadline, running.lines
            time.sleep(0.05)
        s.write({"content/tags.yaml": "- name: Norland\n  description: Ports and fisheries.\n"})
        running.wait_for("/tags/norland/", lambda body: "Ports and fisheries." in body)
        assert running.get("/offices.yaml")[0] == 404 and running.get("/tags.yaml")[0] == 404
    finally:
        running.stop()
