"""Fetching an article page over HTTP(S), with the limits a server-side fetch needs."""

import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from freigabe.articles.importers.decoding import HTML_CONTENT_TYPES, TEXT_CONTENT_TYPES
from freigabe.articles.importers.errors import ArticleImportError

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
ALLOWED_SCHEMES = {"http", "https"}
USER_AGENT = "Freigabe-ArticleImporter/0.1 (+https://github.com/freigabe)"
CHUNK_SIZE = 64 * 1024


class FetchError(ArticleImportError):
    pass


@dataclass
class FetchedPage:
    url: str  # after redirects
    content: bytes
    content_type: str


def check_url(url, *, allow_private_hosts=True):
    """Refuse what we will not fetch: other schemes, and (for server-side imports on behalf
    of others) hosts on loopback or private networks."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise FetchError(f"Unsupported URL scheme '{parts.scheme}': only http and https.")
    if not parts.hostname:
        raise FetchError(f"The URL '{url}' has no host.")
    if not allow_private_hosts and not _is_public_host(parts.hostname, parts.port):
        raise FetchError(f"Refusing to fetch from '{parts.hostname}': not a public address.")


def _is_public_host(host, port):
    try:
        addresses = socket.getaddrinfo(host, port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as error:
        raise FetchError(f"Could not reach '{host}': {error.strerror or error}.") from error
    return all(ipaddress.ip_address(info[4][0].split("%")[0]).is_global for info in addresses)


def fetch(url, *, timeout=DEFAULT_TIMEOUT, max_bytes=DEFAULT_MAX_BYTES, allow_private_hosts=True):
    """GET `url` and return the page; any failure is a FetchError with a readable message."""
    check_url(url, allow_private_hosts=allow_private_hosts)
    opener = urllib.request.build_opener(_CheckedRedirects(allow_private_hosts))
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
        },
    )
    host = urlsplit(url).hostname
    try:
        with opener.open(request, timeout=timeout) as response:
            content_type = response.headers.get("Content-Type", "")
            _check_content_type(content_type, url)
            _check_declared_length(response.headers.get("Content-Length"), max_bytes)
            content = _read_limited(response, max_bytes, deadline=time.monotonic() + timeout)
            return FetchedPage(url=response.geturl(), content=content, content_type=content_type)
    except urllib.error.HTTPError as error:
        raise FetchError(f"The server answered {error.code} {error.reason} for {url}.") from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, (TimeoutError, socket.timeout)):
            raise FetchError(f"No answer from '{host}' within {timeout:g} s.") from error
        raise FetchError(f"Could not reach '{host}': {error.reason}.") from error
    except TimeoutError as error:
        raise FetchError(f"No answer from '{host}' within {timeout:g} s.") from error
    except OSError as error:
        raise FetchError(f"Could not read from '{host}': {error}.") from error


def _check_content_type(content_type, url):
    media_type = content_type.split(";")[0].strip().lower()
    # No type at all: let the importer sniff the content.
    if media_type and media_type not in HTML_CONTENT_TYPES | TEXT_CONTENT_TYPES:
        raise FetchError(f"{url} is '{media_type}', not an HTML page.")


def _check_declared_length(content_length, max_bytes):
    if content_length and content_length.isdigit() and int(content_length) > max_bytes:
        raise FetchError(f"The page is larger than the limit of {max_bytes // 1024} KB.")


def _read_limited(response, max_bytes, *, deadline):
    chunks, total = [], 0
    while True:
        chunk = response.read(CHUNK_SIZE)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > max_bytes:
            raise FetchError(f"The page is larger than the limit of {max_bytes // 1024} KB.")
        if time.monotonic() > deadline:
            raise FetchError("The page took too long to download.")
        chunks.append(chunk)


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s), and only to hosts we would fetch from directly."""

    def __init__(self, allow_private_hosts):
        super().__init__()
        self.allow_private_hosts = allow_private_hosts

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_url(newurl, allow_private_hosts=self.allow_private_hosts)
        return super().redirect_request(req, fp, code, msg, headers, newurl)
