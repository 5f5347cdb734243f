"""The address of the client that sent a request, believing a proxy's header only from
a trusted proxy.

``PORTAL_CLIENT_IP_HEADER`` names the header (as a ``request.META`` key, e.g.
``HTTP_X_REAL_IP`` or ``HTTP_X_FORWARDED_FOR``) in which the proxy in front of the
portal puts the address it saw; ``PORTAL_TRUSTED_PROXIES`` lists the addresses or
networks of those proxies. The header is believed only when the direct peer
(``REMOTE_ADDR``) is one of them: from anybody else it is just text the client typed.

A list header (``X-Forwarded-For: client, proxy1, proxy2``) is read from the right, the
end our own proxies append to: the first address that is not a trusted proxy is the
client. The left end is whatever the client chose to send and is never believed.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]):
    networks = []
    for entry in proxies:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            continue
    return tuple(networks)


def _parse(value: str):
    try:
        return ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None


def is_trusted_proxy(address: str) -> bool:
    parsed = _parse(address or "")
    if parsed is None:
        return False
    networks = _networks(tuple(getattr(settings, "PORTAL_TRUSTED_PROXIES", ())))
    return any(parsed in network for network in networks)


def client_address(request) -> str:
    """The client's address as text; ``REMOTE_ADDR`` unless a trusted proxy says otherwise."""
    peer = request.META.get("REMOTE_ADDR", "") or ""
    header = getattr(settings, "PORTAL_CLIENT_IP_HEADER", "")
    if not header or not is_trusted_proxy(peer):
        return peer
    hops = [hop.strip() for hop in request.META.get(header, "").split(",") if hop.strip()]
    for hop in reversed(hops):
        parsed = _parse(hop)
        if parsed is None:
            # Garbage where an address should be: stop believing the header there.
            break
        if not is_trusted_proxy(str(parsed)):
            return str(parsed)
    return peer
