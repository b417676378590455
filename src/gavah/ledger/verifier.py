"""A standalone verifier for Gavah's ledger: entries, signed heads and proof documents.

Owns the independent check that anyone can run without trusting the rest of Gavah: it recomputes
leaf hashes and roots (RFC 9162 §2.1), verifies inclusion and consistency proofs (§2.1.3.2,
§2.1.4.2), and opens C2SP signed checkpoints against a C2SP/sumdb verifier key. It imports only the
standard library and ``cryptography`` (plus Gavah's error base when it is installed), so this one
file can be copied out and used on its own; it deliberately shares no code with the rest of
``gavah.ledger``, and the tests hold the two implementations to the same answers. Every check
fails closed with :class:`VerificationError`. No I/O: callers read files and pass values in.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

try:
    from gavah.ledger.errors import LedgerError as _ErrorBase
except ImportError:  # copied out of Gavah: stand on the standard library and cryptography alone
    _ErrorBase = Exception  # type: ignore[misc,assignment]

__all__ = [
    "Head",
    "VerificationError",
    "open_signed_head",
    "verify_consistency_document",
    "verify_document",
    "verify_head_document",
    "verify_inclusion_document",
    "verify_ledger",
]

_HASH_SIZE = 32
_MAX_SIGNATURES = 100
_MAX_TREE_SIZE = 2**64 - 1
_HEX_HASH = re.compile(r"[0-9a-f]{64}")
_HEX_KEY_ID = re.compile(r"[0-9a-f]{8}")
_DECIMAL = re.compile(r"0|[1-9][0-9]*")


class VerificationError(_ErrorBase):
    """A check failed. ``str()`` is a one-line reason.

    ``index`` is the first ledger entry not vouched for by a valid signed head (all entries before
    it are proven intact), when the failure concerns entries; ``checkpoint`` is the position, in
    the list given, of the signed head that failed, when one did.
    """

    def __init__(
        self, reason: str, *, index: int | None = None, checkpoint: int | None = None
    ) -> None:
        """Record the reason and where the failure was found."""
        super().__init__(reason)
        self.index = index
        self.checkpoint = checkpoint


@dataclass(frozen=True, slots=True)
class Head:
    """A verified tree head: the log's origin, its size and its root hash."""

    origin: str
    tree_size: int
    root_hash: bytes


# --- RFC 9162 §2.1: hashing -------------------------------------------------------------------


def _leaf(entry: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + entry).digest()


def _node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _fold(frontier: list[bytes]) -> bytes:
    # MTH over the perfect subtrees of the frontier, leftmost (largest) first.
    if not frontier:
        return hashlib.sha256(b"").digest()
    acc = frontier[-1]
    for left in reversed(frontier[:-1]):
        acc = _node(left, acc)
    return acc


def _check_hashes(*hashes: bytes) -> None:
    if any(len(value) != _HASH_SIZE for value in hashes):
        raise VerificationError("a hash in the proof is not a 32-byte SHA-256 digest")


def _verify_inclusion(
    leaf: bytes, index: int, size: int, path: Sequence[bytes], root: bytes
) -> None:
    # RFC 9162 §2.1.3.2, steps 1 to 5; every hash must be a SHA-256 digest.
    if not 0 <= index < size:
        raise VerificationError(f"leaf {index} is not in a tree of size {size}")
    _check_hashes(leaf, root, *path)
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            raise VerificationError("the audit path is too long")
        if fn & 1 or fn == sn:
            r = _node(p, r)
            while fn & 1 == 0 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = _node(r, p)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0 or not hmac.compare_digest(r, root):
        raise VerificationError("the inclusion proof does not lead to the signed root")


def _verify_consistency(
    first: int, second: int, path: Sequence[bytes], first_root: bytes, second_root: bytes
) -> None:
    # RFC 9162 §2.1.4.2, steps 1 to 7, after refusing sizes that prove nothing.
    if not 0 < first <= second:
        raise VerificationError(f"no consistency proof can link size {first} to size {second}")
    if first == second:
        if path or not hmac.compare_digest(first_root, second_root):
            raise VerificationError("equal sizes need equal roots and an empty path")
        return
    if not path:
        raise VerificationError("the consistency path is empty")
    _check_hashes(first_root, second_root, *path)
    nodes = [first_root, *path] if first & (first - 1) == 0 else list(path)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = nodes[0]
    for c in nodes[1:]:
        if sn == 0:
            raise VerificationError("the consistency path is too long")
        if fn & 1 or fn == sn:
            fr, sr = _node(c, fr), _node(c, sr)
            while fn & 1 == 0 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = _node(sr, c)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0 or not hmac.compare_digest(fr, first_root):
        raise VerificationError("the consistency proof does not lead to the first root")
    if not hmac.compare_digest(sr, second_root):
        raise VerificationError("the consistency proof does not lead to the signed root")


# --- C2SP signed note, checkpoint and verifier key ----------------------------------------------


def _b64(text: str, what: str) -> bytes:
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as err:
        raise VerificationError(f"{what} is not base64") from err
    if base64.b64encode(raw).decode("ascii") != text:
        raise VerificationError(f"{what} is not canonical base64")
    return raw


def _valid_name(name: str) -> bool:
    return bool(name) and "+" not in name and not any(c.isspace() or c < " " for c in name)


@dataclass(frozen=True, slots=True)
class _Key:
    name: str
    key_id: bytes
    public_key: bytes


def _parse_vkey(vkey: str) -> _Key:
    # <name>+<hex key ID>+<base64(0x01 || 32-byte Ed25519 public key)>
    name, _, rest = vkey.partition("+")
    hex_id, _, key64 = rest.partition("+")
    if not _valid_name(name) or not _HEX_KEY_ID.fullmatch(hex_id) or not key64:
        raise VerificationError("malformed verifier key (want name+keyid+base64key)")
    material = _b64(key64, "the verifier key")
    expected_id = hashlib.sha256(_utf8(name, "the key name") + b"\n" + material).digest()[:4]
    if expected_id != bytes.fromhex(hex_id):
        raise VerificationError("the verifier key does not match its key ID")
    if len(material) != 1 + 32 or material[0] != 0x01:
        raise VerificationError("the verifier key is not an Ed25519 key")
    return _Key(name, expected_id, material[1:])


def _open_note(note: str, key: _Key) -> str:
    # 1. UTF-8 without control characters but newline; 2. text ends at the last blank line;
    # 3. every signature line well formed; 4. every line from the key verifies, and one exists.
    if any(c < " " and c != "\n" for c in note):
        raise VerificationError("malformed signed note: control character")
    _utf8(note, "the signed note")
    split = note.rfind("\n\n")
    if split < 0 or not note.endswith("\n"):
        raise VerificationError("malformed signed note: no signature block")
    text, lines = note[: split + 1], note[split + 2 : -1].split("\n")
    if len(lines) > _MAX_SIGNATURES:
        raise VerificationError("malformed signed note: too many signatures")
    public_key = Ed25519PublicKey.from_public_bytes(key.public_key)
    verified = 0
    for line in lines:
        name, _, blob64 = line.removeprefix("\u2014 ").partition(" ")
        if not line.startswith("\u2014 ") or not _valid_name(name) or not blob64:
            raise VerificationError("malformed signed note: bad signature line")
        blob = _b64(blob64, "a note signature")
        if len(blob) < 5:
            raise VerificationError("malformed signed note: signature too short")
        if name != key.name or blob[:4] != key.key_id:
            continue  # another key's signature: ignored, as c2sp.org/signed-note requires
        try:
            public_key.verify(blob[4:], text.encode("utf-8"))
        except InvalidSignature as err:
            raise VerificationError(f"invalid signature by {key.name}") from err
        verified += 1
    if not verified:
        raise VerificationError(f"the head is not signed by {key.name}+{key.key_id.hex()}")
    return text


def _parse_checkpoint(text: str) -> Head:
    lines = text[:-1].split("\n")
    if len(lines) < 3 or any(not line for line in lines):
        raise VerificationError("malformed checkpoint: needs origin, size and root lines")
    origin, size_text, root_text = lines[:3]
    if not _DECIMAL.fullmatch(size_text) or int(size_text) > _MAX_TREE_SIZE:
        raise VerificationError("malformed checkpoint: bad tree size")
    root = _b64(root_text, "the checkpoint root hash")
    if len(root) != _HASH_SIZE:
        raise VerificationError("malformed checkpoint: root hash is not 32 bytes")
    return Head(origin, int(size_text), root)


def open_signed_head(checkpoint: str, vkey: str) -> Head:
    """Verify a signed checkpoint against a verifier key and return the head it signs.

    Raises:
        VerificationError: if the key or note is malformed, the note is not validly signed by
            the key, or the checkpoint names another log (its origin is not the key's name).
    """
    # 1. Parse the key; 2. open the note with it; 3. parse the checkpoint; 4. check the origin.
    key = _parse_vkey(vkey)
    head = _parse_checkpoint(_open_note(checkpoint, key))
    if head.origin != key.name:
        raise VerificationError(f"the head is for log {head.origin!r}, not {key.name!r}")
    return head


def verify_ledger(entries: Iterable[bytes], checkpoints: str | Sequence[str], vkey: str) -> Head:
    """Recompute a whole ledger and check it against its signed heads; return the latest head.

    ``entries`` are the logged entries in order; ``checkpoints`` one or more signed heads (with
    one head per batch, damage is located to the batch it falls in). Entries beyond the largest
    signed head are an error: nothing vouches for them.

    Raises:
        VerificationError: naming the first failed check, with ``index`` (first entry not
            vouched for) and ``checkpoint`` (position of the failing head) where they apply.
    """
    notes = [checkpoints] if isinstance(checkpoints, str) else list(checkpoints)
    # 1. Fail closed on nothing to check against.
    if not notes:
        raise VerificationError("no signed head given: nothing vouches for the ledger", index=0)
    # 2. Open every head with the key, and check them in order of size.
    heads = []
    for position, note in enumerate(notes):
        try:
            heads.append((open_signed_head(note, vkey), position))
        except VerificationError as err:
            raise VerificationError(f"signed head {position}: {err}", checkpoint=position) from err
    heads.sort(key=lambda pair: pair[0].tree_size)
    # 3. Stream the entries through a frontier, comparing the root at each head's size.
    frontier: list[bytes] = []
    size = 0
    vouched = 0
    pending = iter(heads)
    head, position = next(pending)
    for entry in entries:
        while head.tree_size == size:
            vouched = _check_head(head, position, frontier, vouched)
            nxt = next(pending, None)
            if nxt is None:
                raise VerificationError(
                    f"entries from index {size} on are not covered by any signed head",
                    index=size,
                )
            head, position = nxt
        frontier.append(_leaf(entry))
        size += 1
        carry = size - 1
        while carry & 1:
            right = frontier.pop()
            frontier[-1] = _node(frontier[-1], right)
            carry >>= 1
    # 4. Every remaining head must be for exactly the size reached.
    for last, last_position in [(head, position), *pending]:
        if last.tree_size != size:
            raise VerificationError(
                f"signed head {last_position} covers {last.tree_size} entries;"
                f" the ledger holds {size}",
                index=vouched,
                checkpoint=last_position,
            )
        vouched = _check_head(last, last_position, frontier, vouched)
    return last


def _check_head(head: Head, position: int, frontier: list[bytes], vouched: int) -> int:
    if not hmac.compare_digest(_fold(frontier), head.root_hash):
        raise VerificationError(
            f"entries {vouched} to {head.tree_size - 1} do not match signed head {position}",
            index=vouched,
            checkpoint=position,
        )
    return head.tree_size


# --- Proof documents (the JSON that `gavah ledger proof|consistency|head --json` prints) -------


def _int(doc: Mapping[str, object], name: str) -> int:
    value = doc.get(name)
    if type(value) is not int:
        raise VerificationError(f"proof document field {name!r} is missing or not an integer")
    return value


def _str(doc: Mapping[str, object], name: str) -> str:
    value = doc.get(name)
    if type(value) is not str:
        raise VerificationError(f"proof document field {name!r} is missing or not a string")
    return value


def _utf8(text: str, what: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise VerificationError(f"{what} is not valid Unicode") from err


def _hex(text: object, name: str) -> bytes:
    if not isinstance(text, str) or not _HEX_HASH.fullmatch(text):
        raise VerificationError(f"proof document field {name!r} is not a lowercase hex SHA-256")
    return bytes.fromhex(text)


def _hex_list(doc: Mapping[str, object], name: str) -> list[bytes]:
    values = doc.get(name)
    if type(values) is not list:
        raise VerificationError(f"proof document field {name!r} is missing or not a list")
    return [_hex(value, f"{name}[{i}]") for i, value in enumerate(values)]


def verify_inclusion_document(document: Mapping[str, object], vkey: str) -> Head:
    """Verify an inclusion proof document; return the signed head it proves inclusion in.

    Raises:
        VerificationError: if a field is missing or malformed, the head is not signed by
            ``vkey``, the sizes disagree, the entry does not hash to ``leaf_hash``, or the path
            does not lead to the signed root.
    """
    # 1. Open the signed head; the proof's tree size must be the head's.
    head = open_signed_head(_str(document, "checkpoint"), vkey)
    index, size = _int(document, "leaf_index"), _int(document, "tree_size")
    if size != head.tree_size:
        raise VerificationError(f"the proof is for size {size}, the head signs {head.tree_size}")
    # 2. The entry, exactly as logged, must hash to the stated leaf hash.
    leaf = _hex(document.get("leaf_hash"), "leaf_hash")
    if not hmac.compare_digest(_leaf(_utf8(_str(document, "entry"), "the entry")), leaf):
        raise VerificationError("the entry does not hash to leaf_hash")
    # 3. The audit path must lead from the leaf to the signed root.
    _verify_inclusion(leaf, index, size, _hex_list(document, "audit_path"), head.root_hash)
    return head


def verify_consistency_document(
    document: Mapping[str, object], vkey: str, *, old_checkpoint: str | None = None
) -> Head:
    """Verify a consistency proof document; return the newer signed head.

    ``first_root`` is whatever the document states: compare it with a head you kept, or pass
    that head as ``old_checkpoint`` to have it checked here.

    Raises:
        VerificationError: if a field is malformed, a head is not signed by ``vkey``, sizes or
            roots disagree with the heads, or the path does not link the two roots.
    """
    # 1. Open the newer head; the proof's second size must be the head's.
    head = open_signed_head(_str(document, "checkpoint"), vkey)
    first, second = _int(document, "first"), _int(document, "second")
    first_root = _hex(document.get("first_root"), "first_root")
    if second != head.tree_size:
        raise VerificationError(f"the proof is to size {second}, the head signs {head.tree_size}")
    # 2. If the older head is given, the proof must start from exactly it.
    if old_checkpoint is not None:
        old = open_signed_head(old_checkpoint, vkey)
        if old.tree_size != first or not hmac.compare_digest(old.root_hash, first_root):
            raise VerificationError("the proof does not start from the older signed head")
    # 3. The path must link the first root to the signed root.
    path = _hex_list(document, "consistency_path")
    _verify_consistency(first, second, path, first_root, head.root_hash)
    return head


def verify_head_document(document: Mapping[str, object], vkey: str) -> Head:
    """Verify a head document against the verifier key you trust (not the one it carries).

    Raises:
        VerificationError: if the document names another key, the head is not validly signed,
            or its origin, size or root differ from the signed checkpoint.
    """
    # 1. The document's key must be the trusted one; 2. the head must verify with it.
    if _str(document, "vkey") != vkey:
        raise VerificationError("the document names another verifier key than the trusted one")
    head = open_signed_head(_str(document, "checkpoint"), vkey)
    # 3. The plain fields must say what the signed checkpoint says.
    if (
        _str(document, "origin") != head.origin
        or _int(document, "tree_size") != head.tree_size
        or _hex(document.get("root_hash"), "root_hash") != head.root_hash
    ):
        raise VerificationError("the document's origin, size or root differ from its checkpoint")
    return head


def verify_document(document: Mapping[str, object], vkey: str) -> Head:
    """Verify any of the three proof documents, recognised by its fields.

    Raises:
        VerificationError: if the document is of no known kind or does not verify.
    """
    if "audit_path" in document:
        return verify_inclusion_document(document, vkey)
    if "consistency_path" in document:
        return verify_consistency_document(document, vkey)
    if "vkey" in document:
        return verify_head_document(document, vkey)
    raise VerificationError("not a Gavah proof document (no audit_path, consistency_path, vkey)")
