"""Machine-readable certificates: each certificate is an Open Badges 3.0
``OpenBadgeCredential`` (VC Data Model 2.0), issued by ``did:web:<host>`` and signed twice
over the same content:

- as a VC-JWT (OB 3.0 §8.2, VC-JOSE-COSE): the credential is the JWT claims set, with
  ``iss``, ``sub``, ``nbf``, ``exp``, ``jti`` beside it; ES256; the header's ``kid`` is
  the address of one JWK (see ``keys``);
- with an embedded Data Integrity proof, ``eddsa-rdfc-2022`` (see ``linked_data``), whose
  verification method is in the issuer's DID document.

Status: the official OB 3.0 schema allows one ``credentialStatus`` object, so a credential
names one entry, at a random index, in a Bitstring Status List with ``statusPurpose``
``revocation``. Its bit is set when the certificate is revoked *or* superseded (re-issue,
renewal): either way a verifier must no longer accept it. The two are told apart by the
list published beside it at the same number and index, ``…/suspension``
(``statusPurpose`` ``suspension``), whose bit is set only for superseded certificates, and
by the verify page the credential's ``evidence`` names.

JOSE is joserfc's, canonicalisation pyld's, signatures ``cryptography``'s. Nothing here
fetches anything.
"""

import base64
import datetime
import gzip
import io
import json
import secrets
import uuid
from urllib.parse import quote, urlsplit

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from joserfc import jwt

from cms.links import absolute_url

from . import keys, linked_data
from .models import STATUS_LIST_SIZE, Certificate

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_EXTENSIONS_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
CONTEXTS = [VC_CONTEXT, OB_CONTEXT, OB_EXTENSIONS_CONTEXT]
OB_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
ID_NAMESPACE = uuid.UUID("0b6a3d4e-8a1f-4f0e-9d55-3e2f7c1a2b90")
# A credential, a status list or a key set larger than this is refused unread.
MAX_TOKEN_BYTES = 64 * 1024
# How long verifiers may cache a status list (Bitstring Status List ``ttl``, ms).
STATUS_LIST_TTL_SECONDS = 300
PURPOSES = ("revocation", "suspension")
# A new list is started once this share of a list's entries is taken, so a list never
# becomes dense enough to say much about any one holder.
STATUS_LIST_FILL = 0.5


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def issuer_id() -> str:
    """``did:web`` of the public host (``BASE_URL``), a port written ``%3A`` (DID Web
    Method §3.1)."""
    return "did:web:" + quote(urlsplit(absolute_url("/")).netloc, safe="")


def _iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def issuer_profile(organisation_name: str) -> dict:
    """The OB 3.0 issuer Profile, published at ``/credentials/issuer``."""
    return {
        "@context": CONTEXTS,
        "id": issuer_id(),
        "type": ["Profile"],
        "name": organisation_name,
        "url": absolute_url("/"),
    }


def did_document() -> dict:
    """The issuer's DID document (``/.well-known/did.json``): every Ed25519 key, current
    and retired, as a Multikey for ``assertionMethod``."""
    did = issuer_id()
    methods = [
        {
            "id": linked_data.verification_method(did, key),
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": key.multibase,
        }
        for key in keys.published_keys()
        if key.multibase
    ]
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }


def status_list_url(number: int, purpose: str) -> str:
    if purpose == "revocation":
        return absolute_url(reverse("credential-status-list", args=[number]))
    return absolute_url(reverse("credential-status-list-purpose", args=[number, purpose]))


def allocate_status_entry() -> tuple[int, int]:
    """A random free index (Bitstring Status List §6.2: indexes SHOULD be random) in the
    newest list, or in a new list once that one is half full. The unique constraint on
    (list, index) settles a race: the loser draws again."""
    newest = Certificate.objects.aggregate(number=Max("status_list"))["number"] or 1
    taken = set(
        Certificate.objects.filter(status_list=newest, status_index__isnull=False).values_list(
            "status_index", flat=True
        )
    )
    if len(taken) >= STATUS_LIST_SIZE * STATUS_LIST_FILL:
        newest, taken = newest + 1, set()
    while True:
        index = secrets.randbelow(STATUS_LIST_SIZE)
        if index not in taken:
            return newest, index


def assign_status_entry(certificate: Certificate) -> None:
    for _attempt in range(5):
        certificate.status_list, certificate.status_index = allocate_status_entry()
        try:
            with transaction.atomic():
                certificate.save(update_fields=["status_list", "status_index"])
            return
        except IntegrityError:
            continue
    raise IntegrityError("no free status list entry")


def subject_id(certificate: Certificate) -> str:
    """The holder, pseudonymously: a URN derived from the verification code."""
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, 'subject:' + certificate.verification_id)}"


def _achievement(certificate: Certificate) -> dict:
    url = absolute_url(certificate.programme.url or "/")
    narrative = certificate.programme.summary
    if certificate.outcomes:
        narrative = "\n".join(f"- {outcome}" for outcome in certificate.outcomes)
    achievement = {
        # Each level of a programme is its own achievement.
        "id": f"{url}#{certificate.level}" if certificate.level else url,
        "type": ["Achievement"],
        "achievementType": (
            "Certificate"
            if certificate.category == Certificate.Category.CERTIFICATION
            else "Course"
        ),
        "name": certificate.programme_title,
        "description": certificate.programme.summary,
        "criteria": {"id": url, "narrative": narrative},
        "inLanguage": certificate.language,
    }
    if certificate.hours is not None:
        achievement["creditsAvailable"] = float(certificate.hours)
    return achievement


def build_credential(certificate: Certificate) -> dict:
    """The certificate as an OpenBadgeCredential. The holder is named by an
    IdentityObject (their name as on the certificate) and a pseudonymous subject id,
    nothing else about them."""
    credential = {
        "@context": CONTEXTS,
        "id": f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, certificate.verification_id)}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": certificate.programme_title,
        "issuer": {
            "id": issuer_id(),
            "type": ["Profile"],
            "name": certificate.organisation_name,
            "url": absolute_url("/"),
        },
        "validFrom": _iso(certificate.valid_from()),
        "credentialSubject": {
            "id": subject_id(certificate),
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": certificate.learner_name,
                }
            ],
            "achievement": _achievement(certificate),
        },
        "evidence": [
            {
                "id": certificate.verification_url(),
                "type": ["Evidence"],
                "name": certificate.serial,
            },
        ],  # fmt: skip
        "credentialStatus": {
            "id": f"{status_list_url(certificate.status_list, 'revocation')}"
            f"#{certificate.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(certificate.status_index),
            "statusListCredential": status_list_url(certificate.status_list, "revocation"),
        },
        "credentialSchema": [{"id": OB_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
    }
    valid_until = certificate.valid_until()
    if valid_until:
        credential["validUntil"] = _iso(valid_until)
    return credential


def sign_jwt(credential: dict, *, sub: str | None = None) -> str:
    """A VC-JWT: the credential is the claims set, with ``iss`` (issuer id), ``jti``
    (id), ``nbf`` (validFrom), ``exp`` (validUntil) and ``sub`` (credentialSubject.id)
    added as OB 3.0 §8.2.4 asks. ES256; ``kid`` is the JWK's own address; ``typ`` is
    ``JWT`` as OB 3.0 §8.2.3 asks."""
    issuer = credential["issuer"]
    claims = {
        **credential,
        "iss": issuer["id"] if isinstance(issuer, dict) else issuer,
        "jti": credential["id"],
        "nbf": _timestamp(credential["validFrom"]),
    }
    if sub:
        claims["sub"] = sub
    if "validUntil" in credential:
        claims["exp"] = _timestamp(credential["validUntil"])
    header = {"alg": "ES256", "typ": "JWT", "kid": keys.current_jwt_key().kid}
    return jwt.encode(header, claims, keys.jwt_key(), algorithms=["ES256"])


def _timestamp(iso: str) -> int:
    return int(datetime.datetime.fromisoformat(iso).timestamp())


def credential_jwt(certificate: Certificate) -> str:
    credential = build_credential(certificate)
    return sign_jwt(credential, sub=credential["credentialSubject"]["id"])


def credential_with_proof(certificate: Certificate) -> dict:
    return linked_data.add_proof(
        build_credential(certificate), did=issuer_id(), created=certificate.valid_from()
    )


def encoded_status_list(indexes) -> str:
    """GZIP-compressed bitstring, multibase base64url ("u" prefix), index 0 the left-most
    bit of the first byte (Bitstring Status List v1.0)."""
    bits = bytearray(STATUS_LIST_SIZE // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    return "u" + b64url(gzip.compress(bytes(bits), mtime=0))


def status_list_exists(number: int) -> bool:
    return Certificate.objects.filter(status_list=number).exists()


def status_list_credential(number: int, purpose: str) -> dict:
    """The status list ``number`` for ``purpose`` (unsigned): revocation sets the bits of
    revoked and superseded certificates, suspension those of superseded ones only."""
    entries = Certificate.objects.filter(status_list=number, status_index__isnull=False)
    if purpose == "revocation":
        entries = entries.filter(Q(revoked_at__isnull=False) | Q(superseded_by__isnull=False))
    else:
        entries = entries.filter(superseded_by__isnull=False)
    url = status_list_url(number, purpose)
    return {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": _iso(timezone.now()),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "ttl": STATUS_LIST_TTL_SECONDS * 1000,
            "encodedList": encoded_status_list(entries.values_list("status_index", flat=True)),
        },
    }


def signed_status_list(number: int, purpose: str) -> dict:
    credential = status_list_credential(number, purpose)
    return linked_data.add_proof(credential, did=issuer_id(), created=timezone.now())


def status_list_jwt(number: int, purpose: str) -> str:
    return sign_jwt(status_list_credential(number, purpose))


def status_bit(encoded_list: str, index: int) -> bool:
    """Read one entry of an encoded list (used by tests and by anyone checking a list)."""
    if len(encoded_list) > MAX_TOKEN_BYTES or not encoded_list.startswith("u"):
        raise ValueError("not a status list")
    with gzip.GzipFile(fileobj=io.BytesIO(b64url_decode(encoded_list[1:]))) as f:
        bits = f.read(STATUS_LIST_SIZE // 8 + 1)
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)
