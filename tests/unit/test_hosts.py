"""The preview's names: one spelling per host, and which Host values name it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.commands.hosts import AllowedHosts, canonical


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("LocalHost", "localhost"),
        ("localhost.", "localhost"),
        ("[0:0:0:0:0:0:0:1]", "::1"),
        ("::1", "::1"),
        ("FE80::1", "fe80::1"),
        ("192.168.1.20", "192.168.1.20"),
        ("bücher.lan", "xn--bcher-kva.lan"),  # what a browser sends for it
        ("[127.0.0.1]", None),  # brackets hold only IPv6
        ("[preview.lan]", None),
        ("preview.lan:8000", None),
        ("http://preview.lan", None),
        ("preview lan", None),
        ("", None),
        ("*", None),
        ("a..b", None),
    ],
)
def test_each_host_has_one_spelling(name: str, expected: str | None) -> None:
    assert canonical(name) == expected


def test_host_values_name_the_preview_with_or_without_a_port() -> None:
    hosts = AllowedHosts.of("127.0.0.1", ["preview.lan"])
    for host in ["localhost", "LOCALHOST:8000", "127.0.0.1:1", "[::1]", "[::1]:8000", "Preview.LAN:8000"]:
        assert hosts.answers(host), host
    for host in ["evil.example", "localhost.evil.example", "[::1", "::1", "localhost:80:80", "evil@localhost", ""]:
        assert not hosts.answers(host), host


@given(st.text())
def test_only_the_names_are_answered(host: str) -> None:
    """Whatever the Host value, it is answered only if, without a port, it spells one of the names."""
    hosts = AllowedHosts.of("0.0.0.0")
    name = host.rsplit(":", 1)[0] if host.rsplit(":", 1)[-1].isdigit() or host.endswith(":") else host
    if hosts.answers(host):
        assert canonical(name) in {"localhost", "127.0.0.1", "::1", "0.0.0.0"}


def test_a_host_value_is_ascii() -> None:
    """Browsers send international names as punycode; lower() must not turn a look-alike into a name."""
    assert not AllowedHosts.of("127.0.0.1", ["k.lan"]).answers("\u212a.lan")  # KELVIN SIGN lowers to "k"


def test_a_refusal_says_how_to_allow_the_name() -> None:
    message = AllowedHosts.of("127.0.0.1").refusal("Evil.Example:8000")
    assert "localhost, 127.0.0.1, [::1]" in message and "--allow-host evil.example" in message
