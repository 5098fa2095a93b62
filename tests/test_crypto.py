"""desktop/crypto.py against the published test vectors, and its refusals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sync import crypto

h = bytes.fromhex


def test_hkdf_sha256_rfc5869_test_cases_1_and_3():
    okm = crypto.hkdf_sha256(h("0b" * 22), salt=h("000102030405060708090a0b0c"), info=h("f0f1f2f3f4f5f6f7f8f9"),
                             length=42)
    assert okm == h("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")
    okm = crypto.hkdf_sha256(h("0b" * 22), salt=b"", info=b"", length=42)
    assert okm == h("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8")
    with pytest.raises(ValueError):
        crypto.hkdf_sha256(b"x", salt=b"", info=b"", length=255 * 32 + 1)


def test_ed25519_rfc8032_test_1():
    key = crypto.SigningKey(h("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
    assert key.public_bytes() == h("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
    signature = key.sign(b"")
    assert signature == h("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bac"
                          "c61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")
    verifier = crypto.VerifyKey(key.public_bytes())
    verifier.verify(signature, b"")
    for bad in (signature[:-1] + bytes([signature[-1] ^ 1]), signature[:63], b"", b"\0" * 64):
        with pytest.raises(crypto.InvalidSignature):
            verifier.verify(bad, b"")
    with pytest.raises(crypto.InvalidSignature):
        verifier.verify(signature, b"x")
    with pytest.raises(crypto.InvalidSignature):
        crypto.VerifyKey(crypto.SigningKey.generate().public_bytes()).verify(signature, b"")


def test_x25519_rfc7748_section_6_1():
    alice = crypto.ExchangeKey(h("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"))
    bob = crypto.ExchangeKey(h("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"))
    assert alice.public_bytes() == h("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")
    assert bob.public_bytes() == h("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f")
    shared = h("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742")
    assert alice.exchange(bob.public_bytes()) == bob.exchange(alice.public_bytes()) == shared
    with pytest.raises(ValueError):  # a low-order point would give a secret everybody knows
        alice.exchange(b"\0" * 32)


@pytest.mark.parametrize("bad", [b"", b"\1" * 31, b"\1" * 33, "a" * 32, None])
def test_keys_of_the_wrong_shape_are_refused(bad):
    for make in (crypto.SigningKey, crypto.VerifyKey, crypto.ExchangeKey, crypto.check_exchange_public):
        with pytest.raises(ValueError):
            make(bad)


def test_encryption_round_trips_and_any_change_is_caught():
    key = crypto.hkdf_sha256(b"secret" * 6, salt=b"package-id", info=b"test")
    nonce = crypto.new_nonce()
    assert len(nonce) == crypto.NONCE_SIZE == 24 and crypto.new_nonce() != nonce
    plain = "南高乡团委 委员名单".encode("utf-8") * 3
    sealed = crypto.encrypt(key, nonce, plain, b"changes.bin")
    assert len(sealed) == len(plain) + 16 and plain not in sealed
    assert crypto.decrypt(key, nonce, sealed, b"changes.bin") == plain
    for i in range(len(sealed)):
        flipped = sealed[:i] + bytes([sealed[i] ^ 0x40]) + sealed[i + 1:]
        with pytest.raises(crypto.InvalidTag):
            crypto.decrypt(key, nonce, flipped, b"changes.bin")
    other_nonce = bytes([nonce[0] ^ 1]) + nonce[1:]
    for args in ((key, nonce, sealed, b"blobs/x"), (key, other_nonce, sealed, b"changes.bin"),
                 (bytes(32), nonce, sealed, b"changes.bin"), (key, nonce[:12], sealed, b"changes.bin"),
                 (key, nonce, sealed[:-1], b"changes.bin"), (key, nonce, b"", b"changes.bin")):
        with pytest.raises(crypto.InvalidTag):
            crypto.decrypt(*args)


def test_sizes_are_the_librarys_and_the_library_loads_when_first_used():
    import nacl.bindings

    assert crypto.NONCE_SIZE == nacl.bindings.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
    assert crypto.TAG_SIZE == nacl.bindings.crypto_aead_xchacha20poly1305_ietf_ABYTES
    probe = ("import sys; from sync import crypto; print('nacl' in sys.modules); "
             "crypto.SigningKey.generate().sign(b'x'); print('nacl' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1]).stdout.split()
    assert out == ["False", "True"]  # not loaded by the program's start, loaded by the first signature
