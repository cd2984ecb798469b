"""The names the preview answers to, against DNS rebinding.

A web page the editor visits can point its own name at 127.0.0.1 and then read
the preview as if it were its own site. Its requests still carry its own name in
`Host` (and `Origin`), so a preview that answers only its own names gives that
page nothing. The port is not compared: rebinding changes addresses, not names,
and an SSH tunnel or a container's port mapping changes the port legitimately.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass

LOOPBACK = ("localhost", "127.0.0.1", "::1")  #: every preview answers to these
WILDCARDS = ("", "0.0.0.0", "::")  #: --host values that listen on every interface

_LABEL = r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?"
_DNS_NAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")
_HOST_HEADER = re.compile(r"(?P<name>\[[^\]]*\]|[^:\[\]@]*)(?::[0-9]*)?")  # RFC 9110 `Host`: name [ ":" port ]
NAME_EXPECTED = "a host name or IP address without a scheme, port or path, e.g. preview.lan or 192.168.1.20"


def canonical(name: str) -> str | None:
    """One spelling per host: lower case, no brackets or final dot, an IP address in its
    standard form ("[0::1]" is "::1"); None if `name` is not a host name or address."""
    bare = name[1:-1] if name.startswith("[") and name.endswith("]") else name
    try:
        address = ipaddress.ip_address(bare)
    except ValueError:
        address = None
    if address is not None:
        return str(address) if bare == name or address.version == 6 else None
    if bare != name:
        return None  # brackets hold only IPv6 addresses
    lowered = bare.lower().removesuffix(".")
    if not lowered.isascii():
        try:
            lowered = lowered.encode("idna").decode("ascii")  # what a browser sends for it
        except UnicodeError:
            return None
    return lowered if _DNS_NAME.fullmatch(lowered) else None


def host_name(host: str) -> str | None:
    """The canonical name in a `Host` header value (with or without a port); None if there is none."""
    match = _HOST_HEADER.fullmatch(host) if host.isascii() else None  # browsers send IDNs as punycode
    return canonical(match["name"]) if match else None


def shown(name: str) -> str:
    """A host name or address as it is written in a URL (IPv6 in brackets)."""
    return f"[{name}]" if ":" in name else name


@dataclass(frozen=True, slots=True)
class AllowedHosts:
    """The canonical names the preview answers to."""

    names: frozenset[str]

    @classmethod
    def of(cls, listen: str, allowed: Iterable[str] = ()) -> AllowedHosts:
        """The loopback names, the address the server listens on (`--host`), and `--allow-host` names."""
        names = (canonical(name) for name in (*LOOPBACK, listen, *allowed))
        return cls(frozenset(name for name in names if name))

    def answers(self, host: str) -> bool:
        """Whether a `Host` header value (with or without a port) names this server."""
        return host_name(host) in self.names

    def listed(self) -> str:
        """The names, for a message: loopback first, then the others sorted."""
        ordered = [name for name in LOOPBACK if name in self.names]
        ordered += sorted(self.names - set(ordered))
        return ", ".join(shown(name) for name in ordered)

    def refusal(self, host: str) -> str:
        """The plain message a request for another name gets."""
        name = host_name(host)
        hint = f"; to preview under that name, start it with --allow-host {name}" if name else ""
        return (
            f'Forbidden: this preview answers only requests for {self.listed()}, not for "{host}" '
            f"(a web page may be trying to read it through DNS rebinding){hint}\n"
        )
