"""A real HTTP server in the test process that plays the SMS platform: it records every request and
answers what the test scripted (status, body, or a pause longer than the client's timeout)."""

import http.server
import json
import threading
import time
from dataclasses import dataclass, field

import pytest


@dataclass
class Received:
    method: str
    path: str
    headers: dict
    body: bytes


@dataclass
class Platform:
    url: str
    received: list = field(default_factory=list)
    answers: list = field(default_factory=list)  # (status, body dict or str, delay seconds)

    def answer(self, status=200, body=None, delay=0.0):
        self.answers.append((status, {"message_id": "m-1"} if body is None else body, delay))


@pytest.fixture
def platform():
    state = Platform(url="")

    class Handler(http.server.BaseHTTPRequestHandler):
        def _handle(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            state.received.append(Received(self.command, self.path, dict(self.headers), body))
            status, answer, delay = state.answers.pop(0) if state.answers else (200, {"message_id": "m-1"}, 0)
            if delay:
                time.sleep(delay)
            data = (answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout tests)
                pass

        do_GET = do_POST = _handle

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_port}"
    yield state
    server.shutdown()
    server.server_close()
