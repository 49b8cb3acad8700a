"""What tests and benchmarks share to look at the built site as a phone would: Debian's Chromium,
a phone-sized viewport, and a local server that answers like a static host (gzip, index pages)."""
from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import threading
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"width": 412, "height": 915}
ANDROID_UA = ("Mozilla/5.0 (Linux; Android 12; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) "
              "Chrome/120.0 Mobile Safari/537.36")
# axe-core rule tags every page is checked against: WCAG 2.2 AA and best practice.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
COMPRESS = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".webmanifest")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files like a static host (GitHub Pages): gzip for text, directory index pages, a
    directory without its trailing "/" redirected, and the site's 404.html, with status 404, for
    any missing path."""

    def log_message(self, *a):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        status = 200
        if os.path.isdir(path) and not os.path.isfile(os.path.join(path, "index.html")):
            path = ""                                   # no directory listings on a static host
        if not os.path.exists(path):
            path, status = os.path.join(self.directory, "404.html"), 404
            if not os.path.isfile(path):
                return super().send_head()
        elif os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if status == 200 and (not path.endswith(COMPRESS) or "gzip" not in self.headers.get("Accept-Encoding", "")
                              or not os.path.isfile(path)):
            return super().send_head()
        body = Path(path).read_bytes()
        gz = "gzip" in self.headers.get("Accept-Encoding", "")
        body = gzip.compress(body, 6) if gz else body
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(path))
        if gz:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class Server:
    """A built site on its own free port (127.0.0.1), served with gzip; `stop()` really takes it away."""

    def __init__(self, directory):
        handler = functools.partial(GzipHandler, directory=str(directory))
        self.srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.srv.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        threading.Thread(target=self.srv.serve_forever, daemon=True).start()

    def stop(self):
        if self.srv is not None:
            self.srv.shutdown()
            self.srv.server_close()
            self.srv = None
