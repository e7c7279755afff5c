"""Encrypted backups (等保 2.0 数据保密性; PIPL art. 51): AES-256-GCM from pyca/cryptography, in chunks, so
an archive of any size is encrypted and decrypted in little memory, and a file cut short, reordered or
altered anywhere is refused instead of restored.

The key file (`innochallenge backup-key KEYFILE`) is one line, ``innochallenge-backup-key-1 <key>``, the key
being 32 random bytes in URL-safe base64; keep it apart from the backups (and from `var/secret_key`).

An encrypted archive is::

    header   MAGIC (8 bytes, b"ICBAKGCM") · version (1 byte, 1) · key id (8 bytes: the first 8 bytes of
             SHA-256 of the key, so a wrong key is named as such) · nonce prefix (7 random bytes) ·
             chunk size (4 bytes, big-endian; 1 MiB)
    chunks   AES-256-GCM of each chunk of the .tar.gz (its 16-byte tag appended), with the nonce
             prefix · chunk number (4 bytes, big-endian) · 1 for the last chunk, else 0, and the header
             as associated data. Every chunk but the last holds exactly `chunk size` bytes.
"""

import base64
import binascii
import hashlib
import os
import secrets
import struct
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.utils.translation import gettext as _

MAGIC = b"ICBAKGCM"
VERSION = 1
CHUNK = 1 << 20
TAG = 16
_HEADER = struct.Struct(">8sB8s7sI")
KEY_PREFIX = "innochallenge-backup-key-1"


class CryptoError(Exception):
    """The key or the archive cannot be used; the message says why, for the person at the console."""


def new_key_file(path: Path) -> None:
    """Write a new random key to `path`, readable by its owner only; never overwrites a file."""
    key = secrets.token_bytes(32)
    line = f"{KEY_PREFIX} {base64.urlsafe_b64encode(key).decode()}\n"
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise CryptoError(_("%(path)s exists already: a key is never overwritten") % {"path": path}) from None
    with os.fdopen(descriptor, "w") as file:
        file.write(line)


def read_key_file(path: Path) -> bytes:
    try:
        prefix, encoded = Path(path).read_text().split()
        key = base64.urlsafe_b64decode(encoded)
    except (OSError, ValueError, binascii.Error) as error:
        raise CryptoError(
            _("%(path)s is not a backup key file (%(error)s)") % {"path": path, "error": error}
        ) from error
    if prefix != KEY_PREFIX or len(key) != 32:
        raise CryptoError(_("%(path)s is not a backup key file") % {"path": path})
    return key


def key_id(key: bytes) -> bytes:
    return hashlib.sha256(key).digest()[:8]


def is_encrypted(path: Path) -> bool:
    try:
        with open(path, "rb") as file:
            return file.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _nonce(prefix: bytes, number: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", number, 1 if last else 0)


def _chunks(file, size: int):
    """(chunk, is it the last) for each chunk of `size` bytes; an empty file is one empty last chunk."""
    current = file.read(size)
    while True:
        following = file.read(size)
        yield current, not following
        if not following:
            return
        current = following


def encrypt_file(source: Path, target: Path, key: bytes) -> None:
    prefix = secrets.token_bytes(7)
    header = _HEADER.pack(MAGIC, VERSION, key_id(key), prefix, CHUNK)
    cipher = AESGCM(key)
    with open(source, "rb") as plain, open(target, "wb") as out:
        out.write(header)
        for number, (chunk, last) in enumerate(_chunks(plain, CHUNK)):
            out.write(cipher.encrypt(_nonce(prefix, number, last), chunk, header))


def decrypt_file(source: Path, target: Path, key: bytes) -> None:
    """Decrypt `source` into `target`; raises CryptoError for a wrong key or a damaged archive (the target
    may then hold a part of the archive: the caller throws it away)."""
    with open(source, "rb") as sealed, open(target, "wb") as out:
        header = sealed.read(_HEADER.size)
        try:
            magic, version, stored_id, prefix, size = _HEADER.unpack(header)
        except struct.error:
            raise CryptoError(_("%(path)s is not an encrypted backup") % {"path": source}) from None
        if magic != MAGIC or version != VERSION:
            raise CryptoError(_("%(path)s is not an encrypted backup of this format") % {"path": source})
        if stored_id != key_id(key):
            raise CryptoError(
                _("%(path)s was encrypted with another key (key id %(id)s); this key's id is %(mine)s")
                % {"path": source, "id": stored_id.hex(), "mine": key_id(key).hex()}
            )
        cipher = AESGCM(key)
        for number, (chunk, last) in enumerate(_chunks(sealed, size + TAG)):
            try:
                out.write(cipher.decrypt(_nonce(prefix, number, last), chunk, header))
            except InvalidTag:
                raise CryptoError(
                    _("%(path)s is damaged or was altered (chunk %(n)d does not decrypt)")
                    % {"path": source, "n": number}
                ) from None
