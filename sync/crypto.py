"""The cryptography of data packages, on PyNaCl (libsodium).

Only what packages need, each a standard construction from the library — nothing here
invents anything:

* Ed25519 signatures (``SigningKey``, ``VerifyKey``): deterministic, the same bytes as
  any other Ed25519 implementation gives for the same 32-byte seed;
* X25519 key agreement (``ExchangeKey``);
* HKDF-SHA256 (RFC 5869) to turn the shared secret into a key, written out with the
  standard library's HMAC (libsodium has no HKDF; the RFC's test vectors are in the tests);
* XChaCha20-Poly1305 (IETF) authenticated encryption: fast in software on every CPU, so
  an old office PC without AES instructions encrypts as quickly and as safely as a new
  one, and its 24-byte random nonces never collide in practice.

Failures surface as :class:`InvalidSignature` (a signature that does not verify),
:class:`InvalidTag` (a ciphertext that was altered or is not for this key) or
``ValueError`` (a key of the wrong length or shape).
"""

from __future__ import annotations

import hashlib
import hmac
import importlib

KEY_SIZE = 32
SIGNATURE_SIZE = 64
NONCE_SIZE = 24  # crypto_aead_xchacha20poly1305_ietf_NPUBBYTES (the tests compare)
TAG_SIZE = 16  # crypto_aead_xchacha20poly1305_ietf_ABYTES


class _Lazy:
    """A module imported when first used: the library (and cffi under it) is loaded by the
    first signature or encryption, not by the program's start."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str):
        value = getattr(importlib.import_module(self._name), attr)
        setattr(self, attr, value)  # found here directly from now on
        return value


_sodium = _Lazy("nacl.bindings")
_errors = _Lazy("nacl.exceptions")


class InvalidSignature(Exception):
    """The signature does not match the data and the key."""


class InvalidTag(Exception):
    """The ciphertext was altered, or is not for this key, nonce and associated data."""


def _raw(value: bytes, size: int, what: str) -> bytes:
    if not isinstance(value, (bytes, bytearray)) or len(value) != size:
        raise ValueError(f"{what} must be {size} bytes")
    return bytes(value)


class SigningKey:
    """An Ed25519 private key, kept as its 32-byte seed."""

    def __init__(self, seed: bytes) -> None:
        self._seed = _raw(seed, KEY_SIZE, "an Ed25519 private key")
        self._public, self._secret = _sodium.crypto_sign_seed_keypair(self._seed)

    @classmethod
    def generate(cls) -> "SigningKey":
        return cls(_sodium.randombytes(KEY_SIZE))

    def private_bytes(self) -> bytes:
        return self._seed

    def public_bytes(self) -> bytes:
        return self._public

    def sign(self, data: bytes) -> bytes:
        """The 64-byte detached signature of *data*."""
        return _sodium.crypto_sign(bytes(data), self._secret)[:SIGNATURE_SIZE]


class VerifyKey:
    """An Ed25519 public key."""

    def __init__(self, public: bytes) -> None:
        self._public = _raw(public, KEY_SIZE, "an Ed25519 public key")

    def verify(self, signature: bytes, data: bytes) -> None:
        """Raise :class:`InvalidSignature` unless *signature* is this key's over *data*."""
        if not isinstance(signature, (bytes, bytearray)) or len(signature) != SIGNATURE_SIZE:
            raise InvalidSignature()
        try:
            _sodium.crypto_sign_open(bytes(signature) + bytes(data), self._public)
        except _errors.BadSignatureError:
            raise InvalidSignature() from None


class ExchangeKey:
    """An X25519 private key (32 bytes)."""

    def __init__(self, secret: bytes) -> None:
        self._secret = _raw(secret, KEY_SIZE, "an X25519 private key")
        self._public = _sodium.crypto_scalarmult_base(self._secret)

    @classmethod
    def generate(cls) -> "ExchangeKey":
        return cls(_sodium.randombytes(KEY_SIZE))

    def private_bytes(self) -> bytes:
        return self._secret

    def public_bytes(self) -> bytes:
        return self._public

    def exchange(self, peer_public: bytes) -> bytes:
        """The shared secret with the holder of *peer_public*.  A public key of low order
        (which would give a secret anyone knows) raises ValueError."""
        peer_public = check_exchange_public(peer_public)
        try:
            return _sodium.crypto_scalarmult(self._secret, peer_public)
        except (_errors.RuntimeError, _errors.CryptoError):
            raise ValueError("the public key gives no usable shared secret") from None


def check_exchange_public(public: bytes) -> bytes:
    """An X25519 public key as given, or ValueError when it is not one."""
    return _raw(public, KEY_SIZE, "an X25519 public key")


def hkdf_sha256(secret: bytes, *, salt: bytes, info: bytes, length: int = KEY_SIZE) -> bytes:
    """HKDF with SHA-256 (RFC 5869): extract with *salt*, expand with *info*."""
    if not 0 < length <= 255 * 32:
        raise ValueError("HKDF-SHA256 gives 1 to 8160 bytes")
    prk = hmac.new(salt or b"\0" * 32, secret, hashlib.sha256).digest()
    out, block, counter = b"", b"", 1
    while len(out) < length:
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        out += block
        counter += 1
    return out[:length]


def new_nonce() -> bytes:
    return _sodium.randombytes(NONCE_SIZE)


def encrypt(key: bytes, nonce: bytes, plain: bytes, associated: bytes) -> bytes:
    """XChaCha20-Poly1305: the ciphertext of *plain* with its 16-byte tag appended."""
    return _sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
        bytes(plain), bytes(associated), _raw(nonce, NONCE_SIZE, "a nonce"), _raw(key, KEY_SIZE, "a key"))


def decrypt(key: bytes, nonce: bytes, ciphertext: bytes, associated: bytes) -> bytes:
    """The plain text, or :class:`InvalidTag` when anything was altered."""
    if not isinstance(nonce, (bytes, bytearray)) or len(nonce) != NONCE_SIZE or len(ciphertext) < TAG_SIZE:
        raise InvalidTag()
    try:
        return _sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
            bytes(ciphertext), bytes(associated), bytes(nonce), _raw(key, KEY_SIZE, "a key"))
    except (_errors.CryptoError, _errors.ValueError, _errors.TypeError):
        raise InvalidTag() from None
