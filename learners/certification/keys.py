"""The issuer's keys and how verifiers find them.

Two private keys sign: a P-256 key signs the VC-JWTs (ES256, the algorithm the 1EdTech
validator accepts beside RS256) and an Ed25519 key signs the embedded Data Integrity
proofs (``eddsa-rdfc-2022``). Every public key, current and retired, stays published:

- each key as one JWK at its own address, ``/credentials/keys/<RFC 7638 thumbprint>``,
  which is also its ``kid`` (OB 3.0 §8.2.3: the ``kid`` dereferences to a JWK);
- all of them as a JWK Set at ``/credentials/issuer/jwks.json``, each with that ``kid``,
  so a verifier such as npm ``jose`` selects the key by the header's ``kid``;
- the Ed25519 keys as ``Multikey`` verification methods in the issuer's DID document
  (``did:web``), ``/.well-known/did.json``.

Rotating a key: put the old public key in ``CREDENTIAL_RETIRED_KEYS`` and the new private
key in its setting; credentials signed by the old key keep verifying.
"""

import threading
from dataclasses import dataclass
from pathlib import Path

import base58
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import (
    SECP256R1,
    EllipticCurvePrivateKey,
    EllipticCurvePublicKey,
)
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from joserfc.jwk import ECKey, OKPKey

from cms.links import absolute_url

# The multicodec prefix of an Ed25519 public key (0xed, varint-encoded), as Multikey
# (Controlled Identifiers v1.0) and did:key write it.
ED25519_MULTICODEC = b"\xed\x01"
PEM_END = "-----END PUBLIC KEY-----"

_lock = threading.Lock()
_cached: dict[tuple[str, str], object] = {}


def _load_private(pem: str, path: Path, kind: str):
    """The private key from ``pem``, else from ``path`` — created there on first use when
    ``CREDENTIAL_KEY_GENERATE`` is on (development and demo, never production)."""
    cache_key = (kind, pem or str(path))
    with _lock:
        if cache_key in _cached:
            return _cached[cache_key]
        if not pem:
            if not path.exists():
                if not settings.CREDENTIAL_KEY_GENERATE:
                    raise ImproperlyConfigured(
                        f"Set the credential signing key ({kind} private key, PEM)."
                    )
                if kind == "Ed25519":
                    body = Ed25519PrivateKey.generate().private_bytes(
                        serialization.Encoding.PEM,
                        serialization.PrivateFormat.PKCS8,
                        serialization.NoEncryption(),
                    )
                else:
                    body = ECKey.generate_key("P-256", private=True).as_pem(private=True)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.touch(mode=0o600)
                path.write_bytes(body)
            pem = path.read_text()
        key = serialization.load_pem_private_key(pem.encode(), password=None)
        if kind == "Ed25519" and not isinstance(key, Ed25519PrivateKey):
            raise ImproperlyConfigured("CREDENTIAL_SIGNING_KEY must be an Ed25519 key.")
        if kind == "P-256" and not (
            isinstance(key, EllipticCurvePrivateKey) and isinstance(key.curve, SECP256R1)
        ):
            raise ImproperlyConfigured("CREDENTIAL_JWT_SIGNING_KEY must be a P-256 (EC) key.")
        _cached[cache_key] = key
        return key


def ed25519_key() -> Ed25519PrivateKey:
    """Signs the Data Integrity proofs: ``CREDENTIAL_SIGNING_KEY`` (PEM or ``_FILE``), else
    ``CREDENTIAL_KEY_FILE``."""
    return _load_private(
        settings.CREDENTIAL_SIGNING_KEY, Path(settings.CREDENTIAL_KEY_FILE), "Ed25519"
    )


def jwt_key() -> ECKey:
    """Signs the VC-JWTs (ES256): ``CREDENTIAL_JWT_SIGNING_KEY`` (PEM or ``_FILE``), else
    ``CREDENTIAL_JWT_KEY_FILE``."""
    private = _load_private(
        settings.CREDENTIAL_JWT_SIGNING_KEY, Path(settings.CREDENTIAL_JWT_KEY_FILE), "P-256"
    )
    return ECKey.import_key(private)


@dataclass(frozen=True)
class PublicKey:
    """One published key: its JWK (without ``kid``) and, for Ed25519, its Multikey."""

    jwk: dict
    thumbprint: str
    multibase: str | None

    @property
    def kid(self) -> str:
        return absolute_url(reverse("credential-key", args=[self.thumbprint]))

    def published_jwk(self) -> dict:
        alg = "ES256" if self.jwk["kty"] == "EC" else "EdDSA"
        return {**self.jwk, "kid": self.kid, "alg": alg, "use": "sig"}


def _public(key) -> PublicKey:
    if isinstance(key, Ed25519PublicKey):
        raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        jose = OKPKey.import_key(key)
        multibase = "z" + base58.b58encode(ED25519_MULTICODEC + raw).decode("ascii")
    elif isinstance(key, EllipticCurvePublicKey) and isinstance(key.curve, SECP256R1):
        jose, multibase = ECKey.import_key(key), None
    else:
        raise ImproperlyConfigured("Credential keys are Ed25519 or P-256 keys.")
    return PublicKey(jwk=dict(jose.as_dict(private=False)), thumbprint=jose.thumbprint(),
                     multibase=multibase)  # fmt: skip


def retired_keys() -> list[PublicKey]:
    """The public keys in ``CREDENTIAL_RETIRED_KEYS``: PEM blocks one after another."""
    text = settings.CREDENTIAL_RETIRED_KEYS or ""
    keys = []
    for block in text.split(PEM_END):
        if block.strip():
            pem = (block.strip() + "\n" + PEM_END + "\n").encode()
            keys.append(_public(serialization.load_pem_public_key(pem)))
    return keys


def current_jwt_key() -> PublicKey:
    return _public(jwt_key().get_op_key("verify"))


def current_ed25519_key() -> PublicKey:
    return _public(ed25519_key().public_key())


def published_keys() -> list[PublicKey]:
    """Current keys first, then the retired ones; each once."""
    seen, keys = set(), []
    for key in [current_jwt_key(), current_ed25519_key(), *retired_keys()]:
        if key.thumbprint not in seen:
            seen.add(key.thumbprint)
            keys.append(key)
    return keys


def jwks() -> dict:
    return {"keys": [key.published_jwk() for key in published_keys()]}


def find_key(thumbprint: str) -> PublicKey | None:
    return next((key for key in published_keys() if key.thumbprint == thumbprint), None)
