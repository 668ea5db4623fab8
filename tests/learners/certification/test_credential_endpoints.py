"""The issuer's public documents: keys (and rotation), the DID document, status lists
(404 for unknown ones, ``ttl``, caching), HEAD and CORS, and the verify page's noindex."""

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from django.urls import reverse
from joserfc.jwk import ECKey

from learners.certification import certificates as domain
from learners.certification import credentials, keys
from learners.models import Certificate
from tests.factories import CompletedModuleFactory, certification_track


@pytest.fixture
def certificate(learner, avholdt, avholdt_modules, administrator):
    certification_track(avholdt, rows=[("module", avholdt_modules[0].content_key, None, "")])
    CompletedModuleFactory(learner=learner, module=avholdt_modules[0])
    return domain.issue_certificate(learner=learner, programme=avholdt, actor=administrator)


def public_urls(certificate) -> list[str]:
    thumbprint = keys.current_jwt_key().thumbprint
    return [
        reverse("credential-issuer"),
        reverse("credential-jwks"),
        reverse("credential-key", args=[thumbprint]),
        reverse("credential-did"),
        reverse("credential-status-list", args=[certificate.status_list]),
        reverse("credential-status-list-purpose", args=[certificate.status_list, "suspension"]),
        reverse("verify", args=[certificate.verification_id]),
    ]


def test_every_public_endpoint_answers_head_and_any_origin(client, certificate):
    for url in public_urls(certificate):
        get, head = client.get(url), client.head(url)
        assert (get.status_code, head.status_code) == (200, 200), url
        assert get["Access-Control-Allow-Origin"] == head["Access-Control-Allow-Origin"] == "*"
        assert client.post(url).status_code == 405


def test_the_verify_page_asks_not_to_be_indexed(client, certificate):
    response = client.get(reverse("verify", args=[certificate.verification_id]))
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_an_unknown_status_list_or_purpose_is_not_found(client, certificate):
    assert client.get(reverse("credential-status-list", args=[99])).status_code == 404
    url = reverse("credential-status-list-purpose", args=[certificate.status_list, "message"])
    assert client.get(url).status_code == 404


def test_status_lists_are_signed_cacheable_and_carry_a_ttl(client, certificate):
    response = client.get(reverse("credential-status-list", args=[certificate.status_list]))
    assert "max-age=300" in response["Cache-Control"] and "public" in response["Cache-Control"]
    status_list = response.json()
    assert status_list["credentialSubject"]["ttl"] == 300_000
    assert status_list["proof"][0]["cryptosuite"] == "eddsa-rdfc-2022"
    assert status_list["issuer"] == credentials.issuer_id()


def test_status_indexes_are_random_and_unique(learner, avholdt, avholdt_modules, certificate):
    for _ in range(5):
        domain.issue_certificate(learner=learner, programme=avholdt)
    indexes = list(Certificate.objects.values_list("status_list", "status_index"))
    assert len(set(indexes)) == 6
    assert sorted(index for _list, index in indexes) != list(range(6))


def test_the_did_document_lists_the_key_of_the_proof(client, certificate):
    document = client.get(reverse("credential-did")).json()
    assert document["id"] == credentials.issuer_id() == "did:web:testserver"
    method = document["verificationMethod"][0]
    assert method["type"] == "Multikey" and method["publicKeyMultibase"].startswith("z6Mk")
    assert method["id"] in document["assertionMethod"]


def test_a_rotated_key_stays_published_and_old_credentials_verify(
    client, certificate, settings, tmp_path
):
    old_token = certificate.credential
    old_public = (
        keys.jwt_key()
        .get_op_key("verify")
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    new_key = tmp_path / "new-es256.pem"
    new_key.write_bytes(ECKey.generate_key("P-256", private=True).as_pem(private=True))
    settings.CREDENTIAL_JWT_SIGNING_KEY = new_key.read_text()
    settings.CREDENTIAL_RETIRED_KEYS = old_public.decode()

    new_token = credentials.credential_jwt(certificate)
    kids = {jwt.get_unverified_header(token)["kid"] for token in (old_token, new_token)}
    assert len(kids) == 2
    published = {key["kid"]: key for key in client.get(reverse("credential-jwks")).json()["keys"]}
    for token in (old_token, new_token):
        kid = jwt.get_unverified_header(token)["kid"]
        key = jwt.PyJWK(published[kid]).key
        jwt.decode(token, key, algorithms=["ES256"], options={"verify_sub": False})
        assert client.get(kid.removeprefix("http://testserver")).json()["kid"] == kid


def test_the_holder_downloads_the_data_integrity_credential(client, certificate, other_supervisor):
    url = reverse("learners:certificate-credential-ld", args=[certificate.pk])
    client.force_login(certificate.learner)
    response = client.get(url)
    assert response["Content-Type"] == "application/vc+ld+json"
    assert response.json()["proof"][0]["type"] == "DataIntegrityProof"
    client.force_login(other_supervisor)
    assert client.get(url).status_code == 404
