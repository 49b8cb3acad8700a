"""`make serve [HOST=0.0.0.0] [PORT=8001]`: build, then serve the site with live reload.

The port is tried first, so a busy port gets one Vietnamese line before any build. HOST=0.0.0.0
lets a phone on the same Wi-Fi open the preview at http://<this computer's address>:PORT/."""
from __future__ import annotations

import argparse
import os
import errno
import socket
import subprocess
import sys

from ..content.config import ROOT


def port_problem(host: str, port: int) -> str | None:
    """None if (host, port) can be listened on now, else a one-line Vietnamese reason."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        return f'Không hiểu địa chỉ HOST="{host}": dùng 127.0.0.1 (chỉ máy này) hoặc 0.0.0.0 (cả điện thoại cùng Wi-Fi).'
    family, _, _, _, addr = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(addr)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return (f"Cổng {port} đang bận (có thể `make serve` khác vẫn đang chạy): "
                        f"dừng nó bằng Ctrl+C hoặc chọn cổng khác, ví dụ `make serve PORT={port + 1}`.")
            if exc.errno == errno.EACCES:
                return f"Không được dùng cổng {port} (cổng dưới 1024 cần quyền quản trị): chọn ví dụ `make serve PORT=8000`."
            return f"Không mở được {host}:{port} ({exc.strerror}): chọn HOST hoặc PORT khác."
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="sotay serve", description="Xây dựng rồi mở trang để xem thử.")
    ap.add_argument("--host", default="127.0.0.1", help="127.0.0.1 (mặc định) hoặc 0.0.0.0 để điện thoại cùng Wi-Fi xem được")
    ap.add_argument("--port", type=int, default=8000, help="cổng (mặc định 8000)")
    ap.add_argument("--engine", default="mkdocs", choices=["mkdocs", "properdocs"])
    ap.add_argument("--no-build", action="store_true", help=argparse.SUPPRESS)
    opts = ap.parse_args(argv)
    if not 0 < opts.port < 65536:
        print(f"PORT={opts.port} không hợp lệ: chọn một số từ 1024 đến 65535, ví dụ 8001.", file=sys.stderr)
        return 2
    problem = port_problem(opts.host, opts.port)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    if not opts.no_build:
        r = subprocess.run([sys.executable, "-m", opts.engine, "build"], cwd=ROOT)
        if r.returncode:
            return r.returncode
    if opts.host == "0.0.0.0":
        print(f"Mở trên điện thoại cùng Wi-Fi: http://<địa chỉ IP của máy này>:{opts.port}/", flush=True)
    # the live server has threads of its own: kit files are rebuilt in its process, not forked ones
    env = {**os.environ, "SOTAY_JOBS": os.environ.get("SOTAY_JOBS", "1")}
    try:
        return subprocess.run([sys.executable, "-m", opts.engine, "serve", "--dev-addr",
                               f"{opts.host}:{opts.port}", "--livereload"], cwd=ROOT, env=env).returncode
    except KeyboardInterrupt:
        return 0
