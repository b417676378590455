"""The bundle core: envelopes, chunks, manifests, log checks and cosignatures, byte by byte."""

from __future__ import annotations

import datetime as dt
import hashlib
import random

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gavah.bundle import (
    BundleItem,
    Chunk,
    CorruptBundleError,
    Envelope,
    ForkError,
    IncompleteBundleError,
    Manifest,
    SeenCheckpoint,
    UnknownSenderError,
    check_extension,
    chunk_header,
    cosign,
    cosigner_key_id,
    decode_manifest,
    open_cosigned,
    open_envelope,
    parse_chunk_header,
    plan_chunks,
    read_header,
    reassembly_order,
    seal_envelope,
)
from gavah.bundle.errors import BundleError
from gavah.ledger import (
    Checkpoint,
    CustodyEvent,
    EventType,
    MemoryTree,
    NoteVerifier,
    consistency_proof,
    encode_entry,
    leaf_hash,
    root_hash,
    sign_checkpoint,
)

NOW = dt.datetime(2026, 1, 9, 18, 30, tzinfo=dt.UTC)
ORIGIN = "gavah-workspace/00112233aabbccdd"


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(bytes(range(32)))


@pytest.fixture(scope="module")
def verifier(key: Ed25519PrivateKey) -> NoteVerifier:
    return NoteVerifier.from_public_key(ORIGIN, key.public_key())


def envelope() -> Envelope:
    return Envelope(ORIGIN, "age1recipient", 3, 9, 1234, "ab" * 32, NOW)


# -- envelope ---------------------------------------------------------------------------------


def test_envelope_round_trip(key: Ed25519PrivateKey, verifier: NoteVerifier) -> None:
    data = seal_envelope(envelope(), key) + b"PAYLOAD"
    header = read_header(data)
    assert data[header.payload_offset :] == b"PAYLOAD"
    assert header.signer == ORIGIN
    assert open_envelope(header, [verifier]) == envelope()


def test_envelope_text_is_the_documented_lines() -> None:
    assert envelope().text() == (
        "gavah-bundle/1\nsender gavah-workspace/00112233aabbccdd\nrecipient age1recipient\n"
        "since 3\ntree-size 9\npayload-size 1234\npayload-sha256 " + "ab" * 32 + "\n"
        "created 2026-01-09T18:30:00Z\n"
    )


def test_envelope_signed_by_an_unknown_key_is_refused(key: Ed25519PrivateKey) -> None:
    other = NoteVerifier.from_public_key("someone/else", Ed25519PrivateKey.generate().public_key())
    header = read_header(seal_envelope(envelope(), key))
    with pytest.raises(UnknownSenderError, match="signed by an unknown key: gavah-workspace/"):
        open_envelope(header, [other])


def test_envelope_with_an_edited_line_is_tampered(
    key: Ed25519PrivateKey, verifier: NoteVerifier
) -> None:
    data = seal_envelope(envelope(), key).replace(b"since 3", b"since 0")
    with pytest.raises(CorruptBundleError, match="tampered with"):
        open_envelope(read_header(data), [verifier])


@pytest.mark.parametrize("cut", [0, 5, 20, 60])
def test_a_cut_envelope_is_refused(key: Ed25519PrivateKey, cut: int) -> None:
    with pytest.raises(CorruptBundleError):
        read_header(seal_envelope(envelope(), key)[:cut])


# -- chunks -----------------------------------------------------------------------------------


def chunks_of(data: bytes, size: int) -> list[Chunk]:
    bundle = hashlib.sha256(data).hexdigest()
    plan = plan_chunks(len(data), size)
    out = []
    for index, (offset, length) in enumerate(plan, start=1):
        piece = data[offset : offset + length]
        raw = chunk_header(bundle, index, len(plan), offset=offset, data=piece, total=len(data))
        header, start = parse_chunk_header(raw + piece, f"c{index}")
        body = (raw + piece)[start:]
        out.append(Chunk(header, hashlib.sha256(body).hexdigest(), len(body), f"c{index}"))
    return out


def test_chunks_reassemble_in_any_order_and_duplicates_are_harmless() -> None:
    data = random.Random(3).randbytes(10_000)
    chunks = chunks_of(data, 1024)
    assert len(chunks) == 10
    shuffled = [*chunks, chunks[4]]
    random.Random(4).shuffle(shuffled)
    ordered = reassembly_order(shuffled)
    assert [c.header.index for c in ordered] == list(range(1, 11))
    assert sum(c.size for c in ordered) == len(data)


def test_missing_chunks_are_listed() -> None:
    chunks = chunks_of(b"x" * 5000, 1000)
    with pytest.raises(IncompleteBundleError, match=r"chunk\(s\) 1, 3 of 5 missing") as err:
        reassembly_order([chunks[1], chunks[3], chunks[4]])
    assert err.value.missing == (1, 3)


def test_a_damaged_chunk_is_named() -> None:
    chunks = chunks_of(b"y" * 3000, 1000)
    bad = Chunk(chunks[1].header, hashlib.sha256(b"other").hexdigest(), 1000, "piece-2")
    with pytest.raises(CorruptBundleError, match="piece-2: chunk 2 of 3 is corrupted"):
        reassembly_order([chunks[0], bad, chunks[2]])
    short = Chunk(chunks[2].header, chunks[2].sha256, 10, "piece-3")
    with pytest.raises(CorruptBundleError, match="truncated"):
        reassembly_order([chunks[0], chunks[1], short])


@pytest.mark.parametrize(
    "raw",
    [b"", b"gavah-bundle-chunk/1\n{}\n", b"gavah-bundle-chunk/1\n[1]\n", b"nope\n"],
)
def test_a_malformed_chunk_header_is_refused(raw: bytes) -> None:
    with pytest.raises(CorruptBundleError):
        parse_chunk_header(raw, "x")


# -- the sender's log -------------------------------------------------------------------------


def log(n: int, salt: str = "") -> list[bytes]:
    out = []
    for i in range(n):
        sha = hashlib.sha256(f"{salt}{i}".encode()).hexdigest()
        event = CustodyEvent(EventType.FIXITY_CHECK, sha, "test", NOW, detail={"i": i})
        out.append(encode_entry(event))
    return out


def manifest(
    entries: list[bytes], since: int, key: Ed25519PrivateKey, items: tuple[BundleItem, ...] = ()
) -> Manifest:
    leaves = [leaf_hash(e) for e in entries]
    size = len(entries)
    signed = sign_checkpoint(Checkpoint(ORIGIN, size, root_hash(leaves)), key)
    proof = consistency_proof(since, size, MemoryTree(leaves)) if since else ()
    return Manifest(
        ORIGIN,
        "vkey",
        "age1r",
        "2026-01-09T18:30:00Z",
        since,
        size,
        signed,
        tuple(proof),
        tuple(entries[since:]),
        items,
    )


def test_an_extension_of_what_is_held_is_accepted(
    key: Ed25519PrivateKey, verifier: NoteVerifier
) -> None:
    entries = log(10)
    held = [leaf_hash(e) for e in entries[:6]]
    seen = [SeenCheckpoint(6, root_hash(held), NOW)]
    extension = check_extension(manifest(entries, 4, key), verifier, held, seen)
    assert [p for p, *_ in extension.new_entries] == [6, 7, 8, 9]
    assert extension.checkpoint.tree_size == 10


def test_a_rewritten_prefix_is_a_fork(key: Ed25519PrivateKey, verifier: NoteVerifier) -> None:
    honest = log(6)
    held = [leaf_hash(e) for e in honest]
    rewritten = log(6, "evil") + log(3, "more")
    with pytest.raises(ForkError, match="is not an extension of its log at size 6"):
        check_extension(manifest(rewritten, 6, key), verifier, held, [])
    with pytest.raises(ForkError, match="has a different entry 2 than received before"):
        check_extension(manifest(rewritten, 2, key), verifier, held, [])


def test_a_checkpoint_seen_before_is_held_to(
    key: Ed25519PrivateKey, verifier: NoteVerifier
) -> None:
    entries = log(8)
    held = [leaf_hash(e) for e in entries[:4]]
    seen = [SeenCheckpoint(4, hashlib.sha256(b"another root").digest(), NOW)]
    with pytest.raises(ForkError, match="contradicts its checkpoint at size 4 seen 2026-01-09"):
        check_extension(manifest(entries, 4, key), verifier, held, seen)


def test_a_bundle_starting_past_what_is_held_is_refused(
    key: Ed25519PrivateKey, verifier: NoteVerifier
) -> None:
    with pytest.raises(BundleError, match=r"holds only 2 of its entries; .* --since 2"):
        check_extension(manifest(log(8), 5, key), verifier, [leaf_hash(e) for e in log(2)], [])


def test_an_ingestion_without_its_file_is_refused(
    key: Ed25519PrivateKey, verifier: NoteVerifier
) -> None:
    sha = hashlib.sha256(b"file").hexdigest()
    event = CustodyEvent(
        EventType.INGESTION, sha, "t", NOW, detail={"bytes": 4, "media_type": "text/plain"}
    )
    with pytest.raises(CorruptBundleError, match="lacks the file of entry 0"):
        check_extension(manifest([encode_entry(event)], 0, key), verifier, [], [])


def test_manifest_round_trip_and_strictness(key: Ed25519PrivateKey) -> None:
    item = BundleItem(
        0,
        "a" * 64,
        "b" * 128,
        4,
        "text/plain",
        "گزارش‌ ۱.txt",
        "تیم الف",
        "2026-01-09T18:30:00Z",
        200,
        "c" * 64,
        metadata={"warnings": []},
    )
    m = manifest(log(3), 1, key, (item,))
    assert decode_manifest(m.encode()) == m
    broken = m.encode().replace(b'"size":4', b'"size":"4"')
    with pytest.raises(CorruptBundleError, match="'size'"):
        decode_manifest(broken)
    with pytest.raises(CorruptBundleError):
        decode_manifest(b"\xff")


# -- acknowledgements -------------------------------------------------------------------------


def test_cosignature_round_trip(key: Ed25519PrivateKey, verifier: NoteVerifier) -> None:
    witness = Ed25519PrivateKey.generate()
    signed = sign_checkpoint(Checkpoint(ORIGIN, 5, b"\x01" * 32), key)
    ack = cosign(signed, witness, "hq.example/witness", NOW)
    assert ack.startswith(signed)
    assert ack.count("\n— ") == 2
    result = open_cosigned(ack, verifier, "hq.example/witness", witness.public_key())
    assert result.time == NOW
    assert result.checkpoint.tree_size == 5
    forged = ack.replace("\n5\n", "\n6\n")
    with pytest.raises(CorruptBundleError):
        open_cosigned(forged, verifier, "hq.example/witness", witness.public_key())
    with pytest.raises(UnknownSenderError):
        open_cosigned(signed, verifier, "hq.example/witness", witness.public_key())


def test_cosigner_key_id_uses_the_cosignature_type_byte() -> None:
    public = bytes(32)
    expected = hashlib.sha256(b"w\n\x04" + public).digest()[:4]
    assert cosigner_key_id("w", public) == expected
