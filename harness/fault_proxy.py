"""A TCP proxy on loopback that the fault tests switch between passing, hanging and refusing.

Hand-written because the tool made for this (Shopify's toxiproxy) is in neither Debian's
packages nor PyPI here, and the tests need only three behaviours of a peer:
- "pass": bytes flow both ways, as if the proxy were not there;
- "hang": connections stay open and nothing comes back (a process stuck in a long call, or a
  network that drops packets); bytes already on their way are swallowed;
- "down": nothing listens (connection refused) and open connections are closed.
The mode applies to connections already open too, because HTTP clients keep them alive: a
gateway's pooled connection to Rasa must hang when Rasa "hangs", not only new ones.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

MODES = ("pass", "hang", "down")


class FaultProxy:
    def __init__(self, upstream_port: int | None, port: int = 0) -> None:
        self.upstream_port = upstream_port
        self.mode = "pass"
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        # Chosen now and kept across "down" and back, so the URL given to a process stays true.
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", port))
            self.port = probe.getsockname()[1]
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._call(self._listen())

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def set(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        self._call(self._set(mode))

    def close(self) -> None:
        if not self._loop.is_running():
            return
        self._call(self._set("down"))
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    # ----- on the proxy's own loop -----

    def _call(self, coroutine) -> None:
        asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(10)

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(
            self._accept, "127.0.0.1", self.port, reuse_address=True
        )

    async def _set(self, mode: str) -> None:
        self.mode = mode
        if mode == "down":
            if self._server is not None:
                self._server.close()
                self._server = None
            for writer in list(self._writers):
                writer.close()
        elif self._server is None:
            await self._listen()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        upstream: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        try:
            if self.mode == "pass" and self.upstream_port is not None:
                upstream = await asyncio.open_connection("127.0.0.1", self.upstream_port)
                self._writers.add(upstream[1])
                await asyncio.gather(
                    self._pump(reader, upstream[1]), self._pump(upstream[0], writer)
                )
            else:
                while await reader.read(65536):  # hang: take everything, answer nothing
                    pass
        except OSError:
            pass
        finally:
            for end in (writer, upstream[1] if upstream else None):
                if end is not None:
                    self._writers.discard(end)
                    end.close()

    async def _pump(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        while chunk := await source.read(65536):
            if self.mode == "down":
                break
            if self.mode == "pass":
                sink.write(chunk)
                await sink.drain()
        sink.close()


@contextmanager
def fault_proxy(upstream_port: int | None) -> Iterator[FaultProxy]:
    proxy = FaultProxy(upstream_port)
    try:
        yield proxy
    finally:
        proxy.close()
