"""The production start (python -m fkb.proxy, scripts/serve.sh): app replicas behind nginx.

The configuration is checked as text and by `nginx -t`; then the real thing: two replicas behind nginx,
a deep link in Chromium through the proxy, the bytes a cold browser fetches, and an upload through the
proxy that reaches its own session (the session's replica, by the routing cookie).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from conftest import CHARTS_PER_PAGE
from fkb import proxy
from helpers import (
    ARTIFACTS,
    DEEP_LINK,
    DRAWN,
    app_env,
    free_port,
    german_budget_export,
    new_page,
    open_in_browser,
    start_server,
    wait_until_rendered,
)

NGINX_MISSING = not Path(proxy.NGINX).exists()
COLD_BROWSER_MAX_BYTES = 2_500_000  # issue 15: at most 2,5 MB over the wire for a browser with an empty cache


def _conf(tmp_path: Path, **options) -> str:
    static = tmp_path / "static"
    static.mkdir(exist_ok=True)
    return proxy.nginx_conf(static, tmp_path, [41001, 41002], 8501, **options)


def test_proxy_routes_a_browser_to_one_replica_by_a_cookie_not_by_its_address(tmp_path: Path):
    conf = _conf(tmp_path)
    assert "hash $fkb_replica consistent;" in conf
    assert "ip_hash" not in conf  # a hall's phones share one address
    assert 'add_header Set-Cookie "fkb_replica=$fkb_replica;' in conf
    assert "server 127.0.0.1:41001" in conf and "server 127.0.0.1:41002" in conf
    # only a value nginx itself could have made is taken from the cookie
    assert '"~^[0-9a-f]{32}$" $cookie_fkb_replica;' in conf


def test_proxy_forwards_streamlits_routes_with_websockets_and_serves_the_frontend_itself(tmp_path: Path):
    conf = _conf(tmp_path)
    proxied = re.search(r"location ~ \^/\((.*?)\)", conf).group(1).split("|")
    assert {"_stcore", "media", "component"} <= set(proxied)
    assert "proxy_set_header Upgrade $http_upgrade;" in conf
    assert "proxy_read_timeout 1d;" in conf
    assert "proxy_set_header X-Real-IP $remote_addr;" in conf
    assert "gzip_static on;" in conf
    assert 'add_header Cache-Control "public, max-age=31536000, immutable" always;' in conf  # hashed bundles
    assert "try_files $uri /index.html;" in conf  # every page address is the one HTML page
    # … but Streamlit's routes under a page's address are not: a deep link's frontend probes them for a base path
    assert conf.index("location ~ /_stcore/ {\n            # Under") < conf.index("location / {")


def test_proxy_terminates_tls_only_when_given_a_certificate(tmp_path: Path):
    assert "ssl" not in _conf(tmp_path)
    conf = _conf(tmp_path, tls=(Path("/etc/x/cert.pem"), Path("/etc/x/key.pem")))
    assert "listen 0.0.0.0:8501 ssl;" in conf
    assert "ssl_certificate /etc/x/cert.pem;" in conf and "ssl_certificate_key /etc/x/key.pem;" in conf


@pytest.mark.skipif(NGINX_MISSING, reason="nginx is not installed (scripts/setup.sh --with-proxy)")
def test_nginx_accepts_the_written_configuration(tmp_path: Path):
    static = proxy.prepare_static(proxy.streamlit_static_dir())
    conf = tmp_path / "nginx.conf"
    conf.write_text(proxy.nginx_conf(static, tmp_path, [41001, 41002], free_port(), address="127.0.0.1"))
    checked = subprocess.run([proxy.NGINX, "-t", "-c", str(conf), "-p", str(tmp_path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_precompressed_frontend_has_a_gzip_file_beside_each_script(tmp_path: Path):
    source = tmp_path / "source"
    (source / "static" / "js").mkdir(parents=True)
    (source / "index.html").write_text("<html>" + "x" * 2000 + "</html>")
    (source / "static" / "js" / "main.abc123.js").write_text("let a = 1;\n" * 400)
    (source / "favicon.png").write_bytes(b"\x89PNG" + b"\0" * 2000)
    prepared = proxy.prepare_static(source, tmp_path / "cache")
    assert (prepared / "static" / "js" / "main.abc123.js.gz").exists()
    assert (prepared / "index.html.gz").exists()
    assert not (prepared / "favicon.png.gz").exists()  # pictures are compressed already
    assert proxy.prepare_static(source, tmp_path / "cache") == prepared  # made once per frontend


@pytest.fixture(scope="module")
def production() -> Iterator[str]:
    port = free_port()
    command = [sys.executable, "-m", "fkb.proxy", "--port", str(port), "--address", "127.0.0.1", "--replicas", "2"]
    # the first start compresses Streamlit's frontend (~25 s here)
    server = start_server(command, port, app_env(), timeout_s=240, cwd=proxy.ROOT)
    yield server.url
    assert server.stop(timeout_s=30) == 0  # nginx and both replicas stopped cleanly


@pytest.mark.browser
@pytest.mark.skipif(NGINX_MISSING, reason="nginx is not installed (scripts/setup.sh --with-proxy)")
def test_a_deep_link_through_the_proxy_draws_its_page_and_a_cold_browser_fetches_little(production: str, browser: Browser):
    page = new_page(browser, 1280, 1600)
    context = page.context
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    received: dict[str, int] = {}
    cdp.on("Network.loadingFinished", lambda event: received.__setitem__(event["requestId"], event["encodedDataLength"]))
    page.goto(production + DEEP_LINK)
    wait_until_rendered(page)
    page.wait_for_function(f"() => ({DRAWN})() >= {CHARTS_PER_PAGE['budgets']}", timeout=60_000)
    page.wait_for_timeout(1500)  # late fonts and chunks
    assert "Leine-Weser" in page.inner_text("body")
    assert not page.locator('[data-testid="stException"]').count()
    page.screenshot(path=str(ARTIFACTS / "proxy_budgets_1280.png"), full_page=True)
    fetched = sum(received.values())
    assert 0 < fetched <= COLD_BROWSER_MAX_BYTES, f"{fetched:,} bytes over the wire"
    cookies = {c["name"]: c["value"] for c in context.cookies()}
    assert re.fullmatch(r"[0-9a-f]{32}", cookies.get("fkb_replica", ""))
    context.close()


@pytest.mark.browser
@pytest.mark.skipif(NGINX_MISSING, reason="nginx is not installed (scripts/setup.sh --with-proxy)")
def test_an_upload_through_the_proxy_reaches_its_own_session(production: str, browser: Browser, tmp_path: Path):
    uploader = open_in_browser(browser, production + "/daten_laden")
    uploader.locator('input[type="file"]').set_input_files(str(german_budget_export(tmp_path)))
    expect(uploader.get_by_text("Verwendbar: keine Fehler", exact=False)).to_be_visible(timeout=60_000)
    uploader.get_by_role("button", name="In dieser Sitzung ansehen").click()
    uploader.wait_for_url("**/budgets**")
    wait_until_rendered(uploader)
    expect(uploader.locator('[data-testid="stMetric"]').first).to_contain_text("19 von 32")
    uploader.screenshot(path=str(ARTIFACTS / "proxy_upload_session.png"), full_page=True)
    other = open_in_browser(browser, production + "/budgets")  # another browser: its own cookie, maybe the other replica
    wait_until_rendered(other)  # the other replica may load the data first: as long as the uploader's page may take
    expect(other.locator('[data-testid="stMetric"]').first).to_contain_text("18 von 32")
