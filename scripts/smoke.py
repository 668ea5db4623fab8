#!/usr/bin/env python
"""Smoke test of a served Praksis: every demo role signs in for real and reaches a page.

Serves the WSGI application on a free local port in a threaded server, then, for each
role, signs in through the login form (staff also enter the demo authenticator's code)
and requests one page that role should reach, expecting 200. Exits 1 on the first
failure. Run it after `migrate`, `load_content` and `load_demo` on the database named by
DATABASE_URL, with development settings (DEBUG on, as `load_demo` requires):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/praksis_smoke python scripts/smoke.py
"""

import base64
import hashlib
import hmac
import http.cookiejar
import os
import re
import socketserver
import struct
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402

from cms.security.demo import DEMO_TOTP_SECRET  # noqa: E402

PASSWORD = "praksis-demo"
# role, username (None: not signed in), page the role should reach, text expected on it
ROLES = [
    ("anonymous", None, "/", "Praksis"),
    ("learner", "learner", "/dashboard/", "AvHoldt"),
    ("supervisor", "supervisor", "/hours/signoff/", "Lene"),
    ("mentor", "mentor", "/practicum/mentor/", "Lene"),
    ("programme lead", "lead", "/admin/", "wagtail"),
    ("administrator", "admin", "/admin/", "wagtail"),
]
STAFF = {"supervisor", "lead", "admin"}


class ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def totp(secret_base32: str, at: float, step: int = 30) -> str:
    """RFC 6238 with SHA-1 and six digits, as authenticator apps compute it."""
    key = base64.b32decode(secret_base32)
    digest = hmac.new(key, struct.pack(">Q", int(at) // step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


class Browser:
    """Cookies, CSRF tokens and redirects, like a person's browser."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, path: str):
        return self._open(urllib.request.Request(self.base + path))

    def post_form(self, path: str, fields: dict):
        page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        if token is None:
            raise SmokeError(f"no CSRF token on {path} (ended at {page.url})")
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token.group(1)})
        request = urllib.request.Request(
            page.url, data=data.encode(), headers={"Referer": page.url}, method="POST"
        )
        return self._open(request)

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=30) as response:
                return Page(response.status, response.url, response.read().decode())
        except urllib.error.HTTPError as error:
            return Page(error.code, error.url, error.read().decode(errors="replace"))


class Page:
    def __init__(self, status: int, url: str, text: str):
        self.status, self.url, self.text = status, url, text


class SmokeError(Exception):
    pass


def sign_in(browser: Browser, username: str, secret: str) -> None:
    page = browser.post_form("/accounts/login/", {"username": username, "password": PASSWORD})
    if "/accounts/login/" in page.url:
        raise SmokeError(f"{username}: the password was refused ({page.status})")
    if username not in STAFF:
        return
    if "/accounts/two-factor/verify/" not in page.url:
        raise SmokeError(f"{username}: not asked for the second factor (at {page.url})")
    for attempt in range(2):
        now = time.time()
        page = browser.post_form(
            "/accounts/two-factor/verify/", {"code": totp(secret, now), "next": "/"}
        )
        if page.status == 200 and "/accounts/two-factor/" not in page.url:
            return
        if attempt == 0:  # that code was used already: wait for the next one
            time.sleep(30 - now % 30 + 1)
    raise SmokeError(f"{username}: the second factor was refused ({page.status})")


def check(base: str, secret: str) -> list[str]:
    report = []
    for role, username, path, expected in ROLES:
        browser = Browser(base)
        started = time.monotonic()
        if username:
            sign_in(browser, username, secret)
        page = browser.get(path)
        if page.status != 200 or not page.url.endswith(path) or expected not in page.text:
            raise SmokeError(f"{role}: GET {path} gave {page.status} at {page.url}")
        took = time.monotonic() - started
        report.append(f"ok  {role:<15} GET {path:<16} 200  ({took:.2f} s)")
    return report


def main() -> int:
    server = make_server("127.0.0.1", 0, get_wsgi_application(), ThreadingWSGIServer, QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        for line in check(base, DEMO_TOTP_SECRET):
            sys.stdout.write(line + "\n")
    except SmokeError as error:
        sys.stderr.write(f"FAILED  {error}\n")
        return 1
    finally:
        server.shutdown()
    sys.stdout.write(f"smoke: {len(ROLES)} passed, 0 failed\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
