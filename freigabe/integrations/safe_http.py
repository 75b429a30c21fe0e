"""POST to a URL someone else gave us, without letting it reach our private network.

The host is resolved once, every address is checked, and the connection goes to the
checked address itself (TLS still verifies the host name): a DNS answer that changes
between the check and the connection (DNS rebinding) cannot slip through. No redirects.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from urllib.parse import urlsplit

from freigabe.articles.importers.fetch import FetchError, check_url

MAX_ANSWER_BYTES = 64 * 1024


class AddressRefused(OSError):
    """The URL leads to an address we do not send to."""


def is_loopback_host(host):
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def resolve_checked(host, port, *, allow_private):
    """The addresses of `host`; AddressRefused if any is not public (unless allowed)."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as error:
        raise OSError(f"Could not resolve '{host}': {error.strerror or error}.") from error
    addresses = list(dict.fromkeys(info[4][0].split("%")[0] for info in infos))
    if not allow_private:
        for address in addresses:
            if not ipaddress.ip_address(address).is_global:
                raise AddressRefused(
                    f"Refusing to send to '{host}' ({address}): not a public address. "
                    "Set FREIGABE_WEBHOOKS_ALLOW_PRIVATE=1 to allow it."
                )
    return addresses


def post(url, body, headers, *, timeout, allow_private):
    """POST `body`; return the answer's status code. Raises OSError on failure."""
    try:
        check_url(url)  # the article importer's scheme and host check
    except FetchError as error:
        raise AddressRefused(str(error)) from error
    parts = urlsplit(url)
    https = parts.scheme == "https"
    port = parts.port or (443 if https else 80)
    address = resolve_checked(parts.hostname, port, allow_private=allow_private)[0]
    if https:
        connection = _PinnedHTTPS(
            parts.hostname, port, address, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        connection = _PinnedHTTP(parts.hostname, port, address, timeout=timeout)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    deadline = time.monotonic() + 2 * timeout
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        _drain(response, deadline)
        return response.status
    except (http.client.HTTPException, ssl.SSLError) as error:
        raise OSError(f"{type(error).__name__}: {error}") from error
    finally:
        connection.close()


def _drain(response, deadline):
    """Read (and drop) at most MAX_ANSWER_BYTES, and not for longer than the deadline: a
    receiver dripping its answer byte by byte must not hold the worker."""
    read = 0
    while read < MAX_ANSWER_BYTES:
        if time.monotonic() > deadline:
            raise OSError("The receiver took too long to answer.")
        chunk = response.read1(4096) if hasattr(response, "read1") else response.read(4096)
        if not chunk:
            return
        read += len(chunk)


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, port, address, **kwargs):
        super().__init__(host, port, **kwargs)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, address, **kwargs):
        super().__init__(host, port, **kwargs)
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)
