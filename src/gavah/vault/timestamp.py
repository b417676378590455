"""RFC 3161 trusted timestamps of signed tree heads: requests, the HTTP transport, verification.

Owns building a timestamp query over a signed checkpoint (SHA-256 message imprint, a nonce, the
TSA's certificate requested), sending it to a timestamp authority over HTTP
(``application/timestamp-query``, RFC 3161 §3.4) and verifying the reply against the query, the
message and trusted root certificates (``rfc3161-client``), and reading PEM certificate files.
Queueing heads, storing tokens and logging "timestamped" events are :mod:`gavah.vault.stamping`'s.
Must not touch the database or the workspace.
"""

from __future__ import annotations

import datetime as dt
import http.client
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import rfc3161_client
from cryptography import x509

from gavah.errors import GavahError

__all__ = [
    "DEFAULT_TIMEOUT_SECONDS",
    "HttpTimestampAuthority",
    "TimestampAuthority",
    "TimestampError",
    "TimestampToken",
    "load_certificates",
    "request_timestamp",
    "verify_timestamp",
]

_CONTENT_TYPE = "application/timestamp-query"
_MAX_RESPONSE = 1 << 20  # a token with its certificate chain is a few KiB
_GRACE_SECONDS = 0.5  # beyond the socket timeout, before the exchange is abandoned
#: How long to wait for an authority: short, so an offline workspace never waits long.
DEFAULT_TIMEOUT_SECONDS = 5.0


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
    timeout: float = DEFAULT_TIMEOUT_SECONDS

    def respond(self, query: bytes) -> bytes:
        """POST ``query`` and return the response body, within :attr:`timeout` overall.

        The exchange runs in a daemon thread that is abandoned after the timeout, so a name
        look-up that hangs (a network cut off, as in a blackout) cannot hold the caller longer.

        Raises:
            TimestampError: the URL is not HTTP(S), or the request failed (offline, refused,
                timed out).
        """
        if not self.url.startswith(("https://", "http://")):
            raise TimestampError(f"timestamp authority URL {self.url!r} is not HTTP(S)")
        outcome: list[bytes | TimestampError] = []
        worker = threading.Thread(target=self._exchange, args=(query, outcome), daemon=True)
        worker.start()
        worker.join(self.timeout + _GRACE_SECONDS)
        if not outcome:
            raise TimestampError(
                f"timestamp authority {self.url} unreachable: no answer in {self.timeout:g} s"
            )
        result = outcome[0]
        if isinstance(result, TimestampError):
            raise result
        return result

    def _exchange(self, query: bytes, outcome: list[bytes | TimestampError]) -> None:
        request = urllib.request.Request(  # noqa: S310 - scheme checked by respond
            self.url, data=query, headers={"Content-Type": _CONTENT_TYPE}, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:  # noqa: S310
                body: bytes = reply.read(_MAX_RESPONSE + 1)
        except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as err:
            outcome.append(TimestampError(f"timestamp authority {self.url} unreachable: {err}"))
            return
        if len(body) > _MAX_RESPONSE:
            outcome.append(
                TimestampError(f"timestamp authority {self.url} sent an oversized reply")
            )
            return
        outcome.append(body)


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

    The query carries the SHA-256 of ``message`` (the message imprint), a random nonce, and asks
    for the TSA's certificate to be included in the reply.

    Raises:
        TimestampError: the authority failed or its reply does not verify.
    """
    request = rfc3161_client.TimestampRequestBuilder(
        data=message, hash_algorithm=rfc3161_client.HashAlgorithm.SHA256, nonce=True, cert_req=True
    ).build()
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


def load_certificates(path: Path) -> list[x509.Certificate]:
    """Every certificate in the PEM file at ``path`` (roots and intermediates, or a TSA's).

    Raises:
        TimestampError: the file cannot be read or holds no PEM certificate.
    """
    try:
        data = path.read_bytes()
    except OSError as err:
        raise TimestampError(f"cannot read certificates from {path}: {err.strerror}") from None
    try:
        certificates = x509.load_pem_x509_certificates(data)
    except ValueError:
        raise TimestampError(f"{path} holds no PEM certificate") from None
    return certificates
