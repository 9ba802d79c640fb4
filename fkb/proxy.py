"""The production start: python -m fkb.proxy [--port 8501] [--replicas N] [--address 0.0.0.0] [--tls-cert F --tls-key F]

One Streamlit process serves every session's script runs under one Python lock, so on a 2-core machine
a hall of 100 phones opening the shared link waits for one core. This start runs N app replicas
(`python -m fkb.serve`, each with its warm-up, on loopback ports) behind Debian's nginx, which

- serves Streamlit's frontend files itself, precompressed (brotli and gzip, made once per Streamlit
  version in .cache/proxy/) with a year's cache lifetime for the hashed bundles and `no-cache` for the
  page itself; a cold browser then fetches about a third of the bytes, and no replica spends Python
  time on files;
- routes each browser to one replica for good (a cookie `fkb_replica` set with the page; nginx hashes
  it consistently), so the websocket, its reconnects and the uploads of a session reach the replica
  that holds the session; phones behind one hall router are still spread over the replicas (unlike
  `ip_hash`);
- forwards WebSockets with a day's read timeout, passes the client's address (X-Real-IP,
  X-Forwarded-For; the replicas trust them: DASHBOARD_TRUSTED_PROXY=1) and any header an SSO proxy in
  front sets (see Streamlit's `server.trustedUserHeaders`), and terminates TLS when given a certificate.

Everything it writes (nginx's configuration, logs, temp files, pid) stays in a run folder
(`--run-dir`, default .cache/proxy/run). Stop with Ctrl+C or SIGTERM: nginx and every replica stop;
if one of them ends, the others are stopped too, so a supervisor (systemd) sees the failure.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fkb import streamlit_internals

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "proxy"
NGINX = os.environ.get("NGINX_PATH", "/usr/sbin/nginx")
BROTLI = shutil.which("brotli")
COMPRESSED_SUFFIXES = (".js", ".css", ".html", ".json", ".svg", ".txt", ".map", ".woff", ".ttf")
MIN_COMPRESSED_BYTES = 512
READY_TIMEOUT_S = 120.0
_LOG = logging.getLogger("fkb.proxy")


def streamlit_static_dir() -> Path:
    """Return the folder of Streamlit's frontend (index.html and the hashed bundles under static/)."""
    return streamlit_internals.frontend_dir()


def prepare_static(source: Path, cache: Path = CACHE) -> Path:
    """Return a copy of Streamlit's frontend with a .gz (and, where Debian's brotli is installed, a .br) file
    beside every compressible file, made once per frontend (keyed by its index.html)."""
    key = hashlib.sha256((source / "index.html").read_bytes()).hexdigest()[:16]
    target = cache / f"static-{key}"
    if (target / ".complete").exists():
        return target
    partial = cache / f".static-{key}-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    shutil.copytree(source, partial)
    files = [
        p
        for p in partial.rglob("*")
        if p.is_file() and p.suffix in COMPRESSED_SUFFIXES and p.stat().st_size >= MIN_COMPRESSED_BYTES
    ]
    for path in files:
        path.with_name(path.name + ".gz").write_bytes(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
    if BROTLI:  # the best level: a cold browser's 2.1 MB, against 2.3 MB at level 9 and 2.5 MB with gzip alone
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:  # ~25 s once per Streamlit version
            list(pool.map(lambda path: subprocess.run([BROTLI, "--best", "--keep", "--force", str(path)], check=True), files))
    (partial / ".complete").touch()
    shutil.rmtree(target, ignore_errors=True)
    partial.rename(target)
    return target


def free_port() -> int:
    """Return a TCP port on loopback that is free now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nginx_conf(
    static: Path,
    run_dir: Path,
    replica_ports: list[int],
    port: int,
    address: str = "0.0.0.0",
    tls: tuple[Path, Path] | None = None,
    max_upload_mb: int = 64,
) -> str:
    """Return nginx's whole configuration for the replicas on loopback `replica_ports`."""
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in replica_ports)
    listen = f"listen {address}:{port} ssl;\n        http2 on;" if tls else f"listen {address}:{port};"
    tls_lines = f"ssl_certificate {tls[0]};\n        ssl_certificate_key {tls[1]};" if tls else ""
    user = "user root root;" if os.geteuid() == 0 else ""
    brotli_modules = "".join(
        f"load_module {m};\n" for m in ("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so",) if BROTLI and Path(m).exists()
    )
    brotli_static = "brotli_static on;" if brotli_modules else ""
    proxied = "_stcore|media|component|app/static|auth|oauth2callback"
    return f"""# Written by fkb.proxy at each start; edits are lost. See the module's docstring.
{brotli_modules}{user}
worker_processes 1;
pid {run_dir}/nginx.pid;
error_log {run_dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {run_dir}/access.log;
    client_body_temp_path {run_dir}/client_body;
    proxy_temp_path {run_dir}/proxy;
    fastcgi_temp_path {run_dir}/fastcgi;
    uwsgi_temp_path {run_dir}/uwsgi;
    scgi_temp_path {run_dir}/scgi;
    sendfile on;
    server_tokens off;
    client_max_body_size {max_upload_mb}m;
    map $cookie_fkb_replica $fkb_replica {{
        "~^[0-9a-f]{{32}}$" $cookie_fkb_replica;
        default $request_id;
    }}
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        "" "";
    }}
    upstream fkb_replicas {{
        hash $fkb_replica consistent;
{servers}
        keepalive 32;
    }}
    server {{
        {listen}
        {tls_lines}
        root {static};
        gzip_static on;
        {brotli_static}
        gzip on;
        gzip_types application/json text/plain text/css application/javascript;
        add_header X-Content-Type-Options nosniff always;
        location /static/ {{
            add_header Cache-Control "public, max-age=31536000, immutable" always;
            add_header X-Content-Type-Options nosniff always;
            try_files $uri =404;
        }}
        location ~ ^/({proxied})(/|$) {{
            proxy_pass http://fkb_replicas;
            proxy_http_version 1.1;
            proxy_set_header Host $host;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header X-Real-IP $remote_addr;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 1d;
            proxy_send_timeout 1d;
            proxy_buffering off;
            proxy_request_buffering off;
        }}
        location ~ /_stcore/ {{
            # Under a page's address (/budgets/_stcore/health) as Streamlit answers it: the frontend of a deep
            # link probes there for a base path and must not take the page's HTML for an answer.
            return 404;
        }}
        location / {{
            # Every page address is the app's one HTML page; the cookie picks this browser's replica.
            add_header Set-Cookie "fkb_replica=$fkb_replica; Path=/; HttpOnly; SameSite=Lax" always;
            add_header Cache-Control "no-cache" always;
            add_header X-Content-Type-Options nosniff always;
            try_files $uri /index.html;
        }}
    }}
}}
"""


def replica_command(port: int, options: list[str]) -> list[str]:
    """Return the command of one replica: the development start's server on a loopback port."""
    return [
        sys.executable,
        "-m",
        "fkb.serve",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--server.headless=true",
        *options,
    ]


def _wait_ready(ports: list[int], processes: list[subprocess.Popen], timeout_s: float = READY_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout_s
    waiting = set(ports)
    while waiting:
        if any(p.poll() is not None for p in processes):
            raise RuntimeError("Ein App-Prozess hat sich beim Start beendet; siehe seine Ausgabe oben.")
        if time.monotonic() > deadline:
            raise RuntimeError(f"Die App-Prozesse antworten nach {timeout_s:.0f} s noch nicht (Ports {sorted(waiting)}).")
        for port in list(waiting):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as answer:  # noqa: S310 - loopback
                    if answer.status == 200:
                        waiting.discard(port)
            except OSError:
                pass
        time.sleep(0.2)


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="python -m fkb.proxy", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8501, help="Port des Proxys (Standard 8501)")
    parser.add_argument("--address", default="0.0.0.0", help="Adresse des Proxys (Standard 0.0.0.0: alle Netze)")
    parser.add_argument("--replicas", type=int, default=os.cpu_count() or 2, help="Anzahl der App-Prozesse (Standard: Kerne)")
    parser.add_argument("--tls-cert", type=Path, help="Zertifikat (PEM) für HTTPS")
    parser.add_argument("--tls-key", type=Path, help="Schlüssel (PEM) zum Zertifikat")
    parser.add_argument("--run-dir", type=Path, default=CACHE / "run", help="Ordner für Konfiguration, Logs, Temporäres")
    return parser.parse_known_args(argv)  # the rest goes to every replica (Streamlit options)


def main(argv: list[str] | None = None) -> int:
    """Start the replicas and nginx; run until stopped or until one of them ends."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args, options = parse_args(sys.argv[1:] if argv is None else argv)
    if bool(args.tls_cert) != bool(args.tls_key):
        print("Für HTTPS --tls-cert und --tls-key angeben.", file=sys.stderr)
        return 2
    if not Path(NGINX).exists():
        print(f"nginx fehlt ({NGINX}); scripts/serve.sh installiert es.", file=sys.stderr)
        return 2
    run_dir = args.run_dir.resolve()
    run_dir.mkdir(parents=True, exist_ok=True)
    static = prepare_static(streamlit_static_dir())
    ports = [free_port() for _ in range(max(1, args.replicas))]
    env = {**os.environ, "DASHBOARD_TRUSTED_PROXY": "1"}
    processes = [subprocess.Popen(replica_command(p, options), env=env) for p in ports]
    try:
        _wait_ready(ports, processes)
        conf = run_dir / "nginx.conf"
        tls = (args.tls_cert.resolve(), args.tls_key.resolve()) if args.tls_cert else None
        conf.write_text(nginx_conf(static, run_dir, ports, args.port, args.address, tls))
        processes.append(subprocess.Popen([NGINX, "-c", str(conf), "-p", str(run_dir), "-g", "daemon off;"]))
        scheme = "https" if tls else "http"
        host = "localhost" if args.address in ("0.0.0.0", "::", "127.0.0.1") else args.address
        print(f"Dashboard: {scheme}://{host}:{args.port}/  ({len(ports)} App-Prozesse hinter nginx)", flush=True)
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
        ended = next(p for p in processes if p.poll() is not None)
        print(f"Ein Prozess hat sich beendet ({' '.join(map(str, ended.args[:3]))} …); alle werden gestoppt.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    except RuntimeError as error:
        print(str(error), file=sys.stderr)
        return 1
    finally:
        _stop(processes)


if __name__ == "__main__":
    sys.exit(main())
