"""Security headers: Django's Content-Security-Policy with a fresh nonce per response on
our pages, the Wagtail admin's own policy, and Permissions-Policy everywhere."""

import re

import pytest
from django.urls import reverse

from tests.courses.test_pages import enrol_through

NONCE = re.compile(r"'nonce-([^']+)'")


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def test_our_pages_get_a_strict_policy_with_a_fresh_nonce_each_time(client, db):
    first = client.get("/")
    second = client.get("/")
    policy = directives(first["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"][0] == "'self'" and policy["script-src"][1].startswith("'nonce-")
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"] and policy["base-uri"] == ["'self'"]
    header = first["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    nonces = [NONCE.search(r["Content-Security-Policy"]).group(1) for r in (first, second)]
    assert nonces[0] != nonces[1]


@pytest.mark.parametrize("path", ["/", "/programmer/avholdt/", "/accounts/login/", "/search/"])
def test_every_script_on_our_pages_carries_the_nonce_and_none_is_inline(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    nonce = NONCE.search(response["Content-Security-Policy"]).group(1)
    scripts = re.findall(r"<script\b[^>]*>", response.content.decode())
    assert scripts, "htmx and praksis.js are loaded"
    for tag in scripts:
        assert f'nonce="{nonce}"' in tag and "src=" in tag, tag
    body = response.content.decode()
    assert not re.search(r"\son[a-z]+=", body), "no inline event handlers"
    assert not re.search(r"\sstyle=", body), "no style attributes"
    assert "hx-on" not in body and "js:" not in body


def test_htmx_is_told_not_to_inject_styles_or_evaluate_code(client, db):
    body = client.get("/").content.decode()
    assert '"includeIndicatorStyles": false' in body and '"allowEval": false' in body


def test_the_module_page_with_htmx_forms_has_no_inline_code(client, learner, avholdt_modules):
    client.force_login(learner)
    module = avholdt_modules[1]
    enrol_through(learner, module)
    response = client.get(module.url)
    body = response.content.decode()
    assert response.status_code == 200 and "hx-post" in body
    assert "hx-on" not in body and "js:" not in body
    assert not re.search(r"<script\b(?![^>]*\bsrc=)", body)


def test_the_wagtail_admin_gets_its_own_policy(client, administrator):
    client.force_login(administrator)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["default-src"] == ["'self'"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_every_response_carries_a_permissions_policy(client, db):
    for path in ("/", reverse("healthz"), "/admin/login/", "/no-such-page/"):
        header = client.get(path)["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
            assert feature in header
        assert "browsing-topics=()" in header and "fullscreen=(self " in header
