"""RFC 3161 trusted timestamps of signed tree heads: requests, the HTTP transport, verification.

Owns building a timestamp query over a signed checkpoint (SHA-256 message imprint, a nonce, the
TSA's certificate requested), sending it to a timestamp authority over HTTP
(``application/timestamp-query``, RFC 3161 §3.4) and verifying the reply against the query, the
message and trusted root certificates (``rfc3161-client``). Not yet wired into ingest: storing
tokens, logging "timestamped" events and retrying when offline are the next step (docs/vault.md).
Must not touch the database or the workspace.
"""

from __future__ import annotations

import datetime as dt
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Protocol

import rfc3161_client
from cryptography import x509

from gavah.errors import GavahError

__all__ = [
    "HttpTimestampAuthority",
    "TimestampAuthority",
    "TimestampError",
    "TimestampToken",
    "request_timestamp",
    "verify_timestamp",
]

_CONTENT_TYPE = "application/timestamp-query"
_TIMEOUT_SECONDS = 30


class TimestampError(GavahError):
    """A timestamp could not be obtained or does not verify."""


class TimestampAuthority(Protocol):
    """Anything that answers a DER timestamp query with a DER timestamp response."""

    def respond(self, query: bytes) -> bytes:
        """Return the authority's response to ``query``.

        Raises:
            TimestampError: the authority cannot be reached or refuses.
        """


@dataclass(frozen=True, slots=True)
class HttpTimestampAuthority:
    """A timestamp authority at an HTTP(S) URL (RFC 3161 §3.4)."""

    url: str
    timeout: float = _TIMEOUT_SECONDS

    def respond(self, query: bytes) -> bytes:
        """POST ``query`` and return the response body.

        Raises:
            TimestampError: the URL is not HTTP(S), or the request failed (offline, refused).
        """
        if not self.url.startswith(("https://", "http://")):
            raise TimestampError(f"timestamp authority URL {self.url!r} is not HTTP(S)")
        request = urllib.request.Request(  # noqa: S310 - scheme checked above
            self.url, data=query, headers={"Content-Type": _CONTENT_TYPE}, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:  # noqa: S310
                body: bytes = reply.read()
        except (urllib.error.URLError, OSError) as err:
            raise TimestampError(f"timestamp authority {self.url} unreachable: {err}") from None
        return body


@dataclass(frozen=True, slots=True)
class TimestampToken:
    """A verified timestamp: the authority's DER response and the time it states."""

    response: bytes
    time: dt.datetime
    serial_number: int


def request_timestamp(
    message: bytes,
    authority: TimestampAuthority,
    roots: list[x509.Certificate],
    tsa_certificate: x509.Certificate | None = None,
) -> TimestampToken:
    """Ask ``authority`` to timestamp ``message`` and verify the reply (nonce included).

    Raises:
        TimestampError: the authority failed or its reply does not verify.
    """
    request = rfc3161_client.TimestampRequestBuilder(data=message).build()
    response = authority.respond(request.as_bytes())
    return verify_timestamp(response, message, roots, tsa_certificate, nonce=request.nonce)


def verify_timestamp(
    response: bytes,
    message: bytes,
    roots: list[x509.Certificate],
    tsa_certificate: x509.Certificate | None = None,
    nonce: int | None = None,
) -> TimestampToken:
    """Verify that ``response`` timestamps ``message`` and is signed by a TSA chaining to
    ``roots`` (and, when given, carries ``nonce`` and is signed by ``tsa_certificate``).

    Raises:
        TimestampError: the response is malformed, not granted, for another message or nonce,
            or not signed by a certificate chaining to ``roots``.
    """
    if not roots:
        raise TimestampError("no trusted root certificate given: nothing to verify against")
    try:
        decoded = rfc3161_client.decode_timestamp_response(response)
        verifier = rfc3161_client.VerifierBuilder(
            tsa_certificate=tsa_certificate, roots=list(roots), nonce=nonce
        ).build()
        verifier.verify_message(decoded, message)
    except (rfc3161_client.VerificationError, ValueError) as err:
        raise TimestampError(f"the timestamp does not verify: {err}") from None
    info = decoded.tst_info
    return TimestampToken(response, info.gen_time, info.serial_number)
