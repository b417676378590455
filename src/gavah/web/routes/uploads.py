"""Uploading evidence: a resumable tus 1.0 API for bad links, and a plain form without JavaScript.

Owns ``/{lang}/workspace/upload`` (the page, GET; the multipart form fallback for small files,
POST) and ``/api/v1/workspace/uploads`` (tus 1.0.0 core + creation + termination: ``POST`` with
``Upload-Length`` and ``Upload-Metadata`` → 201 and ``Location``; ``HEAD`` → ``Upload-Offset``;
``PATCH`` with ``application/offset+octet-stream`` appending at ``Upload-Offset``; ``DELETE``).
When the last byte arrives the file is ingested through :class:`gavah.web.vault_access.Vault`
(the steps of ``gavah ingest``, the signed-in account named in the custody events) and its
partial data removed; the reply carries ``Gavah-Evidence-Id``. Every upload needs
``ingest_evidence``; an upload is visible only to the account that created it. Errors are 4xx
with one line: 400 bad header, 404 unknown upload, 409 wrong offset or busy, 413 too large,
415 wrong content type, 503 the server holds no keys. The bytes are kept by
:mod:`gavah.web.resumable`; this module only speaks HTTP.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from collections.abc import AsyncIterator, Mapping
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import ClientDisconnect

from gavah.errors import GavahError
from gavah.web.auth import audit, current_account
from gavah.web.context import web_context
from gavah.web.i18n import Language
from gavah.web.permissions import Permission
from gavah.web.resumable import (
    UPLOADS_DIR,
    OffsetMismatchError,
    Upload,
    UploadBusyError,
    UploadFolder,
    UploadNotFoundError,
    UploadTooLargeError,
    is_upload_id,
)
from gavah.web.routing import page_language, route
from gavah.web.templating import render
from gavah.web.vault_access import Vault, vault_of

__all__ = ["API", "CHUNK_BYTES", "TUS_VERSION", "router", "upload_folder"]

router = APIRouter(include_in_schema=False)

Lang = Annotated[Language, Depends(page_language)]

API = "/api/v1/workspace/uploads"
TUS_VERSION = "1.0.0"
#: The content type of a tus PATCH body (tus 1.0 core protocol).
OFFSET_STREAM = "application/offset+octet-stream"
#: The chunk the JavaScript client sends per PATCH (small enough to finish on a bad link).
CHUNK_BYTES = 5 * 1024 * 1024
_METADATA_KEYS = ("filename", "source", "case", "note")
_MAX_METADATA = 4096
_NAME_LIMIT = 200
_TUS_HEADERS = {"Tus-Resumable": TUS_VERSION, "Cache-Control": "no-store"}


def upload_folder(vault: Vault) -> UploadFolder:
    """The workspace's folder of partial uploads, with the configured size limit.

    The limit is ``max_bytes`` of the ``[uploads]`` table of ``gavah.toml`` when set.
    """
    section = vault.workspace.config.extra.get("uploads")
    folder = UploadFolder(vault.workspace.root / UPLOADS_DIR)
    if isinstance(section, Mapping) and isinstance(section.get("max_bytes"), int):
        folder.max_bytes = int(section["max_bytes"])
    return folder


def _problem(status: int, detail: str, **headers: str) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers={**_TUS_HEADERS, **headers})


def _actor(request: Request) -> str:
    account = current_account(request)
    return account.name if account is not None else "anonymous"  # requires() ran before


def safe_filename(name: str) -> str:
    """A file name to ingest under: the last path segment, no control characters, bounded."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip(" .")
    return name[:_NAME_LIMIT] or "upload.bin"


def parse_metadata(header: str) -> dict[str, str]:
    """The pairs of a tus ``Upload-Metadata`` header (``key base64value`` separated by commas).

    Raises:
        ValueError: a pair is malformed, a value is not base64 of UTF-8, or the header is long.
    """
    if len(header) > _MAX_METADATA:
        raise ValueError("Upload-Metadata is too long")
    found: dict[str, str] = {}
    for pair in filter(None, (p.strip() for p in header.split(","))):
        key, _, value = pair.partition(" ")
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", key):
            raise ValueError(f"bad Upload-Metadata key {key!r}")
        try:
            found[key] = base64.b64decode(value, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise ValueError(f"the Upload-Metadata value of {key!r} is not base64 UTF-8") from None
    return {k: v.strip() for k, v in found.items() if k in _METADATA_KEYS}


def _check_version(request: Request) -> JSONResponse | None:
    version = request.headers.get("Tus-Resumable")
    if version is not None and version != TUS_VERSION:
        return _problem(412, f"only tus {TUS_VERSION} is supported", **{"Tus-Version": TUS_VERSION})
    return None


async def _ingest(request: Request, vault: Vault, folder: UploadFolder, upload: Upload) -> Upload:
    """Ingest a complete upload under its file name; record the outcome; remove its data."""
    from gavah.vault import IngestRequest  # noqa: PLC0415 - Pillow and NumPy load slowly

    meta = upload.metadata
    staging = folder.root / f"{upload.id}.ingest"
    staging.mkdir(mode=0o700, exist_ok=True)
    target = staging / safe_filename(meta.get("filename", ""))
    folder.part(upload.id).replace(target)
    actor = _actor(request)
    ingest_request = IngestRequest(
        source=meta.get("source") or actor,
        case=meta.get("case") or None,
        note=meta.get("note") or None,
    )
    try:
        outcome = await run_in_threadpool(vault.ingest, target, ingest_request, actor)
    except GavahError:
        target.replace(folder.part(upload.id))  # keep the bytes: the client may retry
        raise
    finally:
        if target.exists():
            target.unlink()
        staging.rmdir()
    folder.finish(upload, outcome.evidence_id, outcome.result.value)
    audit(web_context(request), actor, "ingest", outcome.evidence_id, outcome.sha256)
    return folder.get(upload.id, upload.owner)


def _done_headers(upload: Upload) -> dict[str, str]:
    headers = {**_TUS_HEADERS, "Upload-Offset": str(upload.offset)}
    if upload.evidence_id is not None:
        headers["Gavah-Evidence-Id"] = upload.evidence_id
        headers["Gavah-Ingest-Result"] = upload.result or ""
    return headers


@route(router, API, Permission.INGEST_EVIDENCE, methods=("POST",))
async def create_upload(request: Request) -> Response:
    """tus creation: announce a file of ``Upload-Length`` bytes; 201 with its ``Location``."""
    refused = _check_version(request)
    if refused is not None:
        return refused
    length_text = request.headers.get("Upload-Length", "")
    if not length_text.isascii() or not length_text.isdigit():
        return _problem(400, "Upload-Length must be a non-negative integer")
    try:
        metadata = parse_metadata(request.headers.get("Upload-Metadata", ""))
    except ValueError as err:
        return _problem(400, str(err))
    vault = vault_of(request)
    folder = upload_folder(vault)
    try:
        upload = folder.create(int(length_text), _actor(request), metadata)
    except UploadTooLargeError as err:
        return _problem(413, str(err), **{"Tus-Max-Size": str(folder.max_bytes)})
    audit(web_context(request), upload.owner, "upload started", upload.id, length_text)
    if upload.length == 0:
        upload = await _ingest(request, vault, folder, upload)
    headers = {**_done_headers(upload), "Location": f"{API}/{upload.id}"}
    return Response(status_code=201, headers=headers)


def _find(request: Request, upload_id: str) -> tuple[Vault, UploadFolder, Upload]:
    if not is_upload_id(upload_id):
        raise UploadNotFoundError("no such upload")
    vault = vault_of(request)
    folder = upload_folder(vault)
    return vault, folder, folder.get(upload_id, _actor(request))


@route(router, API + "/{upload_id}", Permission.INGEST_EVIDENCE, methods=("HEAD",))
def upload_offset(request: Request, upload_id: str) -> Response:
    """tus: how many bytes the server has (resume from there)."""
    try:
        _, _, upload = _find(request, upload_id)
    except UploadNotFoundError:
        return Response(status_code=404, headers=_TUS_HEADERS)
    headers = {**_done_headers(upload), "Upload-Length": str(upload.length)}
    return Response(status_code=200, headers=headers)


async def _body(request: Request) -> AsyncIterator[bytes]:
    async for chunk in request.stream():
        if chunk:
            yield chunk


#: What each refusal of an append answers.
_APPEND_STATUS: dict[type[GavahError], int] = {
    OffsetMismatchError: 409,
    UploadBusyError: 409,
    UploadTooLargeError: 413,
    UploadNotFoundError: 404,
}


def _refuse_append(request: Request, upload: Upload) -> JSONResponse | None:
    """The refusal of a PATCH whose headers are wrong, or ``None`` when they are right."""
    if request.headers.get("Content-Type", "").split(";")[0].strip() != OFFSET_STREAM:
        return _problem(415, f"the body of a PATCH must be {OFFSET_STREAM}")
    offset_text = request.headers.get("Upload-Offset", "")
    if not offset_text.isascii() or not offset_text.isdigit():
        return _problem(400, "Upload-Offset must be a non-negative integer")
    if upload.evidence_id is not None:
        return _problem(409, "this upload is complete", **_done_headers(upload))
    return None


@route(router, API + "/{upload_id}", Permission.INGEST_EVIDENCE, methods=("PATCH",))
async def append_upload(request: Request, upload_id: str) -> Response:
    """tus: append the body at ``Upload-Offset``; ingest the file when it is complete."""
    try:
        vault, folder, upload = _find(request, upload_id)
    except UploadNotFoundError as err:
        return _problem(404, str(err))
    refused = _check_version(request) or _refuse_append(request, upload)
    if refused is not None:
        return refused
    offset = int(request.headers["Upload-Offset"])
    try:
        offset = await folder.append(upload, offset, _body(request))
        if offset == upload.length:
            upload = await _ingest(request, vault, folder, folder.get(upload.id, upload.owner))
            return Response(status_code=204, headers=_done_headers(upload))
    except ClientDisconnect:
        return Response(status_code=400, headers=_TUS_HEADERS)  # nobody reads it: they resume
    except GavahError as err:
        status = _APPEND_STATUS.get(type(err), 422)
        return _problem(status, str(err) if status != 422 else f"not ingested: {err}")
    return Response(status_code=204, headers={**_TUS_HEADERS, "Upload-Offset": str(offset)})


@route(router, API + "/{upload_id}", Permission.INGEST_EVIDENCE, methods=("DELETE",))
def delete_upload(request: Request, upload_id: str) -> Response:
    """tus termination: abandon an upload and delete what was received."""
    try:
        _, folder, upload = _find(request, upload_id)
    except UploadNotFoundError as err:
        return _problem(404, str(err))
    folder.remove(upload.id)
    audit(web_context(request), upload.owner, "upload abandoned", upload.id)
    return Response(status_code=204, headers=_TUS_HEADERS)


@route(router, "/{lang}/workspace/upload", Permission.INGEST_EVIDENCE, response_class=HTMLResponse)
def upload_page(request: Request, lang: Lang) -> HTMLResponse:
    """The upload page: a form that works alone, which the script turns resumable."""
    return _page(request, lang, 200, None)


def _chunk_bytes(vault: Vault | None) -> int:
    """The chunk the script sends: ``chunk_bytes`` of ``[uploads]`` in ``gavah.toml``, if set."""
    section = None if vault is None else vault.workspace.config.extra.get("uploads")
    if isinstance(section, Mapping) and isinstance(section.get("chunk_bytes"), int):
        return max(1024, int(section["chunk_bytes"]))
    return CHUNK_BYTES


def _page(request: Request, lang: Language, status: int, error: str | None) -> HTMLResponse:
    vault = getattr(request.app.state, "gavah_vault", None)
    ready = isinstance(vault, Vault)
    return render(
        request,
        "upload.html",
        lang,
        status,
        error=error,
        ready=ready,
        api=API,
        chunk=_chunk_bytes(vault if ready else None),
    )


#: The largest file the no-JavaScript form takes (the resumable client has no such limit).
FORM_MAX_BYTES = 100 * 1024 * 1024


@route(
    router,
    "/{lang}/workspace/upload",
    Permission.INGEST_EVIDENCE,
    methods=("POST",),
    response_class=HTMLResponse,
)
async def upload_form(request: Request, lang: Lang) -> Response:
    """The form fallback: one small file in one request, ingested like a tus upload."""
    form = await request.form()
    try:
        return await _take_form(request, lang, form)
    finally:
        await form.close()


async def _take_form(request: Request, lang: Language, form: FormData) -> Response:
    file = form.get("file")
    source = str(form.get("source") or "").strip()
    if not isinstance(file, UploadFile) or not file.filename:
        return _page(request, lang, 400, "no_file")
    if not source:
        return _page(request, lang, 400, "no_source")
    size = file.size if file.size is not None else 0
    if size > FORM_MAX_BYTES:
        return _page(request, lang, 413, "too_large")
    vault = vault_of(request)
    folder = upload_folder(vault)
    metadata = {"filename": file.filename, "source": source}
    for key in ("case", "note"):
        value = str(form.get(key) or "").strip()
        if value:
            metadata[key] = value
    try:
        upload = folder.create(size, _actor(request), metadata)
    except UploadTooLargeError:
        return _page(request, lang, 413, "too_large")

    async def chunks() -> AsyncIterator[bytes]:
        while chunk := await file.read(1024 * 1024):
            yield chunk

    try:
        await folder.append(upload, 0, chunks())
        done = await _ingest(request, vault, folder, folder.get(upload.id, upload.owner))
    except GavahError:
        folder.remove(upload.id)
        return _page(request, lang, 422, "not_ingested")
    return RedirectResponse(
        f"/{lang}/workspace/evidence/{done.evidence_id}?uploaded=1", status_code=303
    )
