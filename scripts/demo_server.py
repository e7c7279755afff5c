"""A throw-away demo site for the screenshot scripts: `serve --demo` on a fresh var/ folder and SQLite."""

import contextlib
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

DEMO_PASSWORD = "demo-2021-pass"  # innochallenge.site.demo.DEMO_PASSWORD


@contextlib.contextmanager
def demo_server(port: int, *, seconds: int = 300):
    """Yields the site's address once it answers /healthz; stops the server afterwards."""
    with tempfile.TemporaryDirectory() as var:
        env = {**os.environ, "VAR_DIR": var}
        env.pop("DATABASE_URL", None)
        server = subprocess.Popen(
            [sys.executable, "-m", "innochallenge", "serve", "--demo", "--no-worker", "--port", str(port)],
            env=env,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + seconds
            while True:
                try:
                    urllib.request.urlopen(url + "/healthz", timeout=1)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.5)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=20)
