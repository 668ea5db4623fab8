"""Issued credentials checked by implementations that are not ours, against a live server:
npm ``jose`` verifies the VC-JWT (the key chosen by ``kid`` from the published JWK Set),
Digital Bazaar's ``@digitalbazaar/vc`` with the ``eddsa-rdfc-2022`` cryptosuite verifies
the embedded Data Integrity proof (the key resolved through ``did:web``), and both read
revocation and supersession from the status lists. The scripts are in
``tests/credentials/node/``; the packages are pinned in ``package-lock.json``.

Without Node (or the packages) these tests are skipped locally and fail in CI.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from learners.certification import certificates as domain
from tests.factories import CompletedModuleFactory, certification_track

ROOT = Path(settings.BASE_DIR)
SCRIPTS = ROOT / "tests" / "credentials" / "node"
PACKAGES = ("jose", "@digitalbazaar/vc", "@digitalbazaar/eddsa-rdfc-2022-cryptosuite")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def node_or_skip() -> str:
    node = shutil.which("node")
    missing = [name for name in PACKAGES if not (ROOT / "node_modules" / name).is_dir()]
    reason = None
    if node is None:
        reason = "Node.js is not installed (apt-get install nodejs)"
    elif missing:
        reason = f"npm packages missing ({', '.join(missing)}): run make setup"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return node


def run(node: str, script: str, *args: str) -> dict:
    done = subprocess.run(
        [node, str(SCRIPTS / script), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def site(live_server, settings):
    """Credentials name the live server as their issuer (did:web:localhost%3A<port>)."""
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    return live_server.url


@pytest.fixture
def issued(site, learner, avholdt, avholdt_modules, administrator, tmp_path):
    certification_track(avholdt, rows=[("module", avholdt_modules[0].content_key, None, "")])
    learner.first_name, learner.last_name = "Lene", "Haugen"
    learner.save()
    CompletedModuleFactory(learner=learner, module=avholdt_modules[0])
    return domain.issue_certificate(learner=learner, programme=avholdt, actor=administrator)


def write(tmp_path, certificate) -> tuple[str, str]:
    certificate.refresh_from_db()
    jwt_file, ld_file = tmp_path / f"{certificate.pk}.jwt", tmp_path / f"{certificate.pk}.json"
    jwt_file.write_text(certificate.credential)
    ld_file.write_text(certificate.credential_ld)
    return str(jwt_file), str(ld_file)


def test_jose_and_digital_bazaar_verify_and_see_revocation(site, issued, administrator, tmp_path):
    node = node_or_skip()
    jwks = f"{site}/credentials/issuer/jwks.json"
    jwt_file, ld_file = write(tmp_path, issued)

    by_jose = run(node, "verify_jwt.mjs", jwt_file, jwks)
    assert by_jose["verified"], by_jose["problems"]
    assert by_jose["alg"] == "ES256" and by_jose["bits"] == 131_072
    assert by_jose["revoked"] is False
    by_bazaar = run(node, "verify_data_integrity.mjs", ld_file, site)
    assert by_bazaar["verified"], by_bazaar["error"]
    assert (by_bazaar["revoked"], by_bazaar["superseded"]) == (False, False)

    domain.revoke_certificate(certificate=issued, actor=administrator, reason="Forged evidence")
    assert run(node, "verify_jwt.mjs", jwt_file, jwks)["revoked"] is True
    by_bazaar = run(node, "verify_data_integrity.mjs", ld_file, site)
    assert (by_bazaar["revoked"], by_bazaar["superseded"]) == (True, False)


def test_a_superseded_credential_is_told_apart_and_a_forgery_fails(
    site, issued, administrator, tmp_path
):
    node = node_or_skip()
    new = domain.issue_certificate(
        learner=issued.learner, programme=issued.programme, actor=administrator
    )
    _jwt_file, ld_file = write(tmp_path, issued)
    by_bazaar = run(node, "verify_data_integrity.mjs", ld_file, site)
    assert by_bazaar["verified"]
    assert (by_bazaar["revoked"], by_bazaar["superseded"]) == (True, True)
    _jwt_new, ld_new = write(tmp_path, new)
    assert run(node, "verify_data_integrity.mjs", ld_new, site)["superseded"] is False

    forged = json.loads(Path(ld_file).read_text())
    forged["credentialSubject"]["identifier"][0]["identityHash"] = "Someone Else"
    Path(ld_file).write_text(json.dumps(forged))
    assert run(node, "verify_data_integrity.mjs", ld_file, site)["verified"] is False
