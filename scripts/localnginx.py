"""deploy/nginx.conf.example (gzip and security headers) served on a loopback port by our own nginx
process, as a school would host the site: used by the tests (tests/conftest.py) and by
`make lighthouse` (scripts/lighthouse.py)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def nginx_binary() -> Path | None:
    binary = Path(shutil.which("nginx") or "/usr/sbin/nginx")
    return binary if binary.exists() else None


def start_nginx(site: Path, port: int, work: Path) -> subprocess.Popen:
    """Serve ``site`` at http://127.0.0.1:PORT/kennisbank/; ``work`` holds nginx's own files.
    Raises RuntimeError (with nginx's last words) when it does not answer within 10 s."""
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is missing; on Debian: apt-get install nginx-light")
    server = (ROOT / "deploy" / "nginx.conf.example").read_text(encoding="utf-8")
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("/srv/kennisbank/", f"{site}/")
    for name in ("logs", "tmp"):
        (work / name).mkdir(exist_ok=True)
    temp = " ".join(f"{x}_temp_path {work}/tmp;" for x in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "") +  # workers must read a temporary folder of root's
        f"daemon off;\npid {work}/nginx.pid;\nerror_log {work}/logs/error.log;\nworker_processes 1;\n"
        f"events {{ worker_connections 64; }}\n"
        f"http {{\n include /etc/nginx/mime.types;\n access_log off;\n {temp}\n{server}\n}}\n", encoding="utf-8")
    proc = subprocess.Popen([str(binary), "-c", str(work / "nginx.conf"), "-p", str(work)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return proc
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"nginx did not start: {proc.stdout.read().decode()[-1000:]}") from None
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError("nginx did not answer within 10 s")
