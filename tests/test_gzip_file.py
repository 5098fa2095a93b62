"""gzip_file (desktop.fsio): a big file gzip'd in pieces on several threads reads back whole
with any gzip reader, and its bytes depend on the content and level only."""

from __future__ import annotations

import gzip
import os
import zlib

import pytest

from desktop import fsio


@pytest.fixture
def small_pieces(monkeypatch):
    monkeypatch.setattr(fsio, "GZIP_PIECE", 1000)


@pytest.mark.parametrize("size", [0, 1, 999, 1000, 1001, 10_000, 23_457])
def test_every_size_reads_back_whole(tmp_path, small_pieces, size):
    src, dst = tmp_path / "plain", tmp_path / "plain.gz"
    data = (os.urandom(size // 2) + b"ledger " * size)[:size]
    src.write_bytes(data)
    fsio.gzip_file(src, dst, 6, threads=3)
    assert gzip.decompress(dst.read_bytes()) == data
    with gzip.open(dst, "rb") as fh:  # read as a stream, as the device reads a ready ledger
        assert fh.read() == data
    members = max(1, -(-size // 1000))
    assert dst.read_bytes().count(b"\x1f\x8b\x08") >= members


def test_the_bytes_do_not_depend_on_threads_or_time(tmp_path, small_pieces):
    src = tmp_path / "plain"
    src.write_bytes(b"".join(f"{k} 团委 {k * k}\n".encode() for k in range(5000)))
    outs = []
    for threads in (1, 2, 5):
        dst = tmp_path / f"{threads}.gz"
        fsio.gzip_file(src, dst, 6, threads=threads)
        outs.append(dst.read_bytes())
    assert outs[0] == outs[1] == outs[2]
    assert len(outs[0]) < src.stat().st_size / 3  # compressed, not only wrapped


def test_a_damaged_piece_is_found_by_the_reader(tmp_path, small_pieces):
    src, dst = tmp_path / "plain", tmp_path / "plain.gz"
    src.write_bytes(os.urandom(5000))
    fsio.gzip_file(src, dst, 1)
    packed = bytearray(dst.read_bytes())
    packed[len(packed) // 2] ^= 0xFF
    with pytest.raises((gzip.BadGzipFile, zlib.error, EOFError, OSError)):
        gzip.decompress(bytes(packed))
