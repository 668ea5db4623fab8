"""Signed, machine-readable certificates: Open Badges 3.0 ``OpenBadgeCredential``s as
VC-JWTs signed with Ed25519, the issuer's public key as a JWK Set, and revocation as a
Bitstring Status List credential.

The JWS is made here with ``cryptography`` alone; the tests verify it with PyJWT, a
second implementation, against the key fetched from its published URL. Nothing here
fetches anything: no JSON-LD processing is needed to sign or verify a VC-JWT.
"""

import base64
import datetime
import gzip
import hashlib
import io
import json
import threading
import uuid
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from cms.links import absolute_url

from .models import STATUS_LIST_SIZE, Certificate

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
ID_NAMESPACE = uuid.UUID("0b6a3d4e-8a1f-4f0e-9d55-3e2f7c1a2b90")
# A credential, a status list or a key set larger than this is refused unread.
MAX_TOKEN_BYTES = 64 * 1024

_lock = threading.Lock()
_cached: dict[str, Ed25519PrivateKey] = {}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def signing_key() -> Ed25519PrivateKey:
    """The issuer's Ed25519 key: ``CREDENTIAL_SIGNING_KEY`` (PEM, or ``_FILE``); else, on
    one machine, the key file ``CREDENTIAL_KEY_FILE``, created on first use when
    ``CREDENTIAL_KEY_GENERATE`` is on (development and demo, never production)."""
    pem = settings.CREDENTIAL_SIGNING_KEY
    cache_key = pem or str(settings.CREDENTIAL_KEY_FILE)
    with _lock:
        if cache_key in _cached:
            return _cached[cache_key]
        if not pem:
            path = Path(settings.CREDENTIAL_KEY_FILE)
            if not path.exists():
                if not settings.CREDENTIAL_KEY_GENERATE:
                    raise ImproperlyConfigured(
                        "Set CREDENTIAL_SIGNING_KEY to an Ed25519 private key (PEM)."
                    )
                path.parent.mkdir(parents=True, exist_ok=True)
                fresh = Ed25519PrivateKey.generate().private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
                path.touch(mode=0o600)
                path.write_bytes(fresh)
            pem = path.read_text()
        key = serialization.load_pem_private_key(pem.encode(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ImproperlyConfigured("CREDENTIAL_SIGNING_KEY must be an Ed25519 key.")
        _cached[cache_key] = key
        return key


def public_jwk() -> dict:
    """The public key as an OKP JWK with its RFC 7638 thumbprint as ``kid``."""
    raw = (
        signing_key()
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    jwk = {"crv": "Ed25519", "kty": "OKP", "x": b64url(raw)}
    canonical = json.dumps(jwk, separators=(",", ":"), sort_keys=True).encode()
    thumbprint = b64url(hashlib.sha256(canonical).digest())
    return {**jwk, "kid": thumbprint, "alg": "EdDSA", "use": "sig"}


def jwks() -> dict:
    return {"keys": [public_jwk()]}


def issuer_id() -> str:
    return absolute_url(reverse("credential-issuer"))


def key_id() -> str:
    return absolute_url(reverse("credential-jwks")) + "#" + public_jwk()["kid"]


def issuer_profile(organisation_name: str) -> dict:
    """The OB 3.0 issuer Profile published at the issuer URL."""
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": issuer_id(),
        "type": ["Profile"],
        "name": organisation_name,
        "url": absolute_url("/"),
    }


def sign(payload: dict) -> str:
    """A compact JWS (RFC 7515) over the JSON payload, EdDSA with the issuer key."""
    header = {"alg": "EdDSA", "typ": "JWT", "kid": key_id()}
    signing_input = (
        b64url(json.dumps(header, separators=(",", ":")).encode())
        + "."
        + b64url(json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode())
    )
    signature = signing_key().sign(signing_input.encode("ascii"))
    return signing_input + "." + b64url(signature)


def _timestamp(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)


def _iso(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def status_list_url(number: int) -> str:
    return absolute_url(reverse("credential-status-list", args=[number]))


def build_credential(certificate: Certificate) -> dict:
    """The certificate as an OpenBadgeCredential (OB 3.0 on the VC 2.0 data model). The
    learner is named by an IdentityObject (their name as on the certificate), nothing
    else about them."""
    valid_from = _timestamp(certificate.issued_on)
    achievement_url = absolute_url(certificate.programme.url or "/")
    credential = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, certificate.verification_id)}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": certificate.programme_title,
        "issuer": {
            "id": issuer_id(),
            "type": ["Profile"],
            "name": certificate.organisation_name,
        },
        "validFrom": _iso(valid_from),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": certificate.learner_name,
                }
            ],
            "achievement": {
                "id": achievement_url,
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": certificate.programme_title,
                "description": certificate.programme.summary,
                "criteria": {"id": achievement_url, "narrative": certificate.programme.summary},
                "inLanguage": certificate.language,
            },
        },
        "evidence": [
            {
                "id": certificate.verification_url(),
                "type": ["Evidence"],
                "name": certificate.serial,
            }
        ],
        "credentialStatus": {
            "id": f"{status_list_url(certificate.status_list)}#{certificate.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(certificate.status_index),
            "statusListCredential": status_list_url(certificate.status_list),
        },
        "credentialSchema": [{"id": OB_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
    }
    if certificate.expires_on:
        credential["validUntil"] = _iso(_timestamp(certificate.expires_on))
    return credential


def credential_jwt(certificate: Certificate) -> str:
    """The VC-JWT (OB 3.0 section on JWT proofs): the credential in the ``vc`` claim, with
    ``iss``, ``jti``, ``nbf`` and, for certificates that expire, ``exp``."""
    credential = build_credential(certificate)
    payload = {
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "nbf": int(_timestamp(certificate.issued_on).timestamp()),
        "vc": credential,
    }
    if certificate.expires_on:
        payload["exp"] = int(_timestamp(certificate.expires_on).timestamp())
    return sign(payload)


def encoded_status_list(revoked_indexes) -> str:
    """GZIP-compressed bitstring, multibase base64url ("u" prefix), index 0 the left-most
    bit of the first byte (Bitstring Status List v1.0)."""
    bits = bytearray(STATUS_LIST_SIZE // 8)
    for index in revoked_indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    return "u" + b64url(gzip.compress(bytes(bits), mtime=0))


def status_list_jwt(number: int) -> str:
    """The signed status list credential for list ``number`` (revocation)."""
    start, end = (number - 1) * STATUS_LIST_SIZE, number * STATUS_LIST_SIZE
    revoked = Certificate.objects.filter(
        pk__gte=start, pk__lt=end, revoked_at__isnull=False
    ).values_list("pk", flat=True)
    url = status_list_url(number)
    now = timezone.now()
    credential = {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": _iso(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_status_list(pk % STATUS_LIST_SIZE for pk in revoked),
        },
    }
    return sign({"iss": issuer_id(), "jti": url, "nbf": int(now.timestamp()), "vc": credential})


def status_bit(encoded_list: str, index: int) -> bool:
    """Read one entry of an encoded list (used by tests and by anyone checking a list)."""
    if len(encoded_list) > MAX_TOKEN_BYTES or not encoded_list.startswith("u"):
        raise ValueError("not a status list")
    with gzip.GzipFile(fileobj=io.BytesIO(b64url_decode(encoded_list[1:]))) as f:
        bits = f.read(STATUS_LIST_SIZE // 8 + 1)
    return bool(bits[index // 8] & (0x80 >> (index % 8)))
