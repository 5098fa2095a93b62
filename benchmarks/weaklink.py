"""A weak link between a client and a hub: a TCP proxy on 127.0.0.1 that limits bandwidth,
adds delay and cuts connections, for tests and benchmarks (no netem on these machines).

    link = WeakLink(("127.0.0.1", hub_port), kbit_per_s=64, delay_ms=150)
    link.start()                    # listens on link.port
    link.cut_after(120_000)         # the connection carrying the 120,000th byte is cut there
    ...
    link.stats()                    # bytes up and down, connections, cuts

Each direction of each connection is paced by a token bucket of the whole link (one modem
shared by every connection), so two connections do not get twice the bandwidth.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass


@dataclass
class Stats:
    up: int = 0          # bytes client -> hub
    down: int = 0        # bytes hub -> client
    connections: int = 0
    cuts: int = 0


class _Bucket:
    """Bytes per second shared by everyone who takes from it."""

    def __init__(self, rate: float) -> None:
        self.rate, self.lock = rate, threading.Lock()
        self.free_at = time.monotonic()

    def take(self, n: int) -> None:
        with self.lock:
            now = time.monotonic()
            start = max(now, self.free_at)
            self.free_at = start + n / self.rate
            wait = self.free_at - now
        if wait > 0:
            time.sleep(wait)


class WeakLink:
    CHUNK = 1024

    def __init__(self, target: tuple[str, int], *, kbit_per_s: float = 64, delay_ms: float = 100) -> None:
        self.target = target
        self.delay = delay_ms / 1000
        self.buckets = {"up": _Bucket(kbit_per_s * 1000 / 8), "down": _Bucket(kbit_per_s * 1000 / 8)}
        self.lock = threading.Lock()
        self.stats_ = Stats()
        self._cut_at: int | None = None
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self._stop = threading.Event()

    # ------------------------------------------------------------------ control
    def start(self) -> "WeakLink":
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._server.close()

    def cut_after(self, total_bytes: int) -> None:
        """Cut the connection that carries the link's *total_bytes*-th byte (either way)."""
        with self.lock:
            self._cut_at = total_bytes

    def stats(self) -> Stats:
        with self.lock:
            return Stats(**vars(self.stats_))

    # ------------------------------------------------------------------ the proxy
    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=10)
                upstream.settimeout(None)  # a slow upload keeps the hub silent for long: not a failure
            except OSError:
                client.close()
                continue
            with self.lock:
                self.stats_.connections += 1
            pair = (client, upstream)
            threading.Thread(target=self._pump, args=(client, upstream, "up", pair), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, "down", pair), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, way: str, pair) -> None:
        time.sleep(self.delay)
        try:
            while True:
                data = src.recv(self.CHUNK)
                if not data:
                    break
                self.buckets[way].take(len(data))
                with self.lock:
                    total = self.stats_.up + self.stats_.down + len(data)
                    cut = self._cut_at is not None and total >= self._cut_at
                    if cut:
                        keep = len(data) - (total - self._cut_at)
                        data = data[:max(0, keep)]
                        self._cut_at = None
                        self.stats_.cuts += 1
                    setattr(self.stats_, way, getattr(self.stats_, way) + len(data))
                if data:
                    dst.sendall(data)
                if cut:
                    break
        except OSError:
            pass
        for s in pair:  # one side gone (or cut): the whole connection goes
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()
