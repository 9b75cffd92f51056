"""An HTTP server for this machine's browser that idle or vanishing clients cannot wear down.

``http.server.ThreadingHTTPServer`` starts one thread per connection and keeps it while the
client says nothing, with no time limit: 2,000 idle sockets were 2,000 threads. Here a new
connection waits in a selector, costing a file descriptor and no thread, until its request
arrives; one of at most ``HANDLERS`` threads then answers it. A connection idle for
``IDLE_SECONDS`` is closed (so is the oldest one beyond ``WAITING``), and a handler reading
a request gives up after as long. A client that hangs up or goes quiet ends its connection
normally: no traceback. Other failures in a handler are logged on one line.
"""

from __future__ import annotations

import http.server
import queue
import selectors
import socket
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

GONE = (ConnectionError, TimeoutError)  # the client hung up, reset or went quiet


class BoundedHTTPServer(http.server.HTTPServer):
    HANDLERS = 32  # threads answering requests at once
    WAITING = 512  # connections waiting for their request; beyond, the oldest is closed
    IDLE_SECONDS = 10.0  # for a request to arrive, and for each read of it
    request_queue_size = 128  # connections the kernel holds until accepted (socketserver's 5 drops a burst)

    def __init__(self, address: tuple[str, int], handler: Callable[..., Any], log: Callable[[str], None]) -> None:
        self.log = log
        self.closing = False
        self.arrived: queue.SimpleQueue[tuple[socket.socket, Any]] = queue.SimpleQueue()
        self.wake_in, self.wake_out = socket.socketpair()
        self.wake_out.setblocking(False)
        self.busy: set[socket.socket] = set()
        self.busy_lock = threading.Lock()
        self.handlers = ThreadPoolExecutor(self.HANDLERS, thread_name_prefix="samizdat-http")
        self.waiter = threading.Thread(target=self.wait_for_requests, name="samizdat-http-wait", daemon=True)
        super().__init__(address, handler)  # binds, or calls server_close() and raises
        self.waiter.start()

    def process_request(self, request: Any, client_address: Any) -> None:
        """(accepting thread) Hand the new connection to the waiter."""
        self.arrived.put((request, client_address))
        self.wake()

    def wake(self) -> None:
        try:
            self.wake_out.send(b"\0")
        except BlockingIOError:
            pass  # a wake-up is pending already

    def wait_for_requests(self) -> None:
        """(waiter thread) Connections wait here until they have something to read."""
        waiting: OrderedDict[socket.socket, tuple[Any, float]] = OrderedDict()  # oldest first: address, deadline
        with selectors.DefaultSelector() as selector:
            selector.register(self.wake_in, selectors.EVENT_READ)

            def drop(connection: socket.socket) -> None:
                selector.unregister(connection)
                del waiting[connection]
                self.shutdown_request(connection)

            while not self.closing:
                timeout = max(0.0, next(iter(waiting.values()))[1] - time.monotonic()) if waiting else None
                for key, _ in selector.select(timeout):
                    if key.fileobj is self.wake_in:
                        self.wake_in.recv(4096)
                        while not self.arrived.empty():
                            connection, address = self.arrived.get()
                            selector.register(connection, selectors.EVENT_READ)
                            waiting[connection] = (address, time.monotonic() + self.IDLE_SECONDS)
                        while len(waiting) > self.WAITING:
                            drop(next(iter(waiting)))
                    elif not self.closing:
                        connection = key.fileobj  # type: ignore[assignment]
                        address = waiting[connection][0]
                        selector.unregister(connection)
                        del waiting[connection]
                        self.handlers.submit(self.answer, connection, address)
                while waiting and next(iter(waiting.values()))[1] <= time.monotonic():
                    drop(next(iter(waiting)))
            for connection in list(waiting):
                drop(connection)

    def answer(self, connection: socket.socket, address: Any) -> None:
        """(handler thread) Read the request and answer it."""
        with self.busy_lock:
            self.busy.add(connection)
        try:
            self.finish_request(connection, address)
        except Exception:
            self.handle_error(connection, address)
        finally:
            with self.busy_lock:
                self.busy.discard(connection)
            self.shutdown_request(connection)

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exception()
        if not isinstance(error, GONE):
            self.log(f"samizdat: error: answering {client_address[0]}: {type(error).__name__}: {error}")

    def server_close(self) -> None:
        """Stop listening, close waiting connections, and cut those being answered short."""
        self.closing = True
        self.wake()
        if self.waiter.ident is not None:  # started: the port was free
            self.waiter.join()
        super().server_close()
        with self.busy_lock:
            for connection in self.busy:
                try:
                    connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass  # already closed by its client
        self.handlers.shutdown(wait=False, cancel_futures=True)
        self.wake_in.close()
        self.wake_out.close()
