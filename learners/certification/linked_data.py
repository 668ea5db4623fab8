"""Embedded Data Integrity proofs (W3C VC Data Integrity EdDSA Cryptosuites v1.0,
``eddsa-rdfc-2022``) for credentials, with canonicalisation by pyld (RDF Dataset
Canonicalization, URDNA2015 = RDFC-1.0) and signatures by ``cryptography``.

JSON-LD contexts come only from ``contexts/`` (``index.json`` names each file's source):
the document loader never fetches, so a context that is not bundled is an error, not a
network request.
"""

import datetime
import hashlib
import json
from functools import cache
from pathlib import Path

import base58
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pyld import jsonld

from . import keys

CONTEXTS = Path(__file__).resolve().parent / "contexts"
CRYPTOSUITE = "eddsa-rdfc-2022"


class UnknownContext(LookupError):
    """A context the credential names is not bundled."""


@cache
def bundled_contexts() -> dict[str, dict]:
    index = json.loads((CONTEXTS / "index.json").read_text())
    return {url: json.loads((CONTEXTS / entry["file"]).read_text()) for url, entry in index.items()}


def document_loader(url: str, options=None) -> dict:
    """pyld's document loader: bundled contexts only, never the network."""
    try:
        document = bundled_contexts()[url]
    except KeyError:
        raise UnknownContext(f"JSON-LD context {url!r} is not bundled") from None
    return {"contextUrl": None, "documentUrl": url, "document": document}


def canonical_nquads(document: dict) -> str:
    """RDFC-1.0 (URDNA2015) canonical N-Quads of a JSON-LD document."""
    return jsonld.normalize(
        document,
        {"algorithm": "URDNA2015", "format": "application/n-quads",
         "documentLoader": document_loader},
    )  # fmt: skip


def _hash_data(document: dict, proof_config: dict) -> bytes:
    """eddsa-rdfc-2022: SHA-256 of the canonical proof configuration, then SHA-256 of
    the canonical document (§3.3.3–3.3.5)."""
    config = {**proof_config, "@context": document["@context"]}
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    return (
        hashlib.sha256(canonical_nquads(config).encode()).digest()
        + hashlib.sha256(canonical_nquads(unsecured).encode()).digest()
    )


def verification_method(did: str, key: keys.PublicKey) -> str:
    return f"{did}#{key.multibase}"


def add_proof(document: dict, *, did: str, created: datetime.datetime) -> dict:
    """The document with an embedded ``DataIntegrityProof`` by the current Ed25519 key,
    for the purpose ``assertionMethod`` of the issuer ``did``."""
    proof = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": created.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "verificationMethod": verification_method(did, keys.current_ed25519_key()),
        "proofPurpose": "assertionMethod",
    }
    signature = keys.ed25519_key().sign(_hash_data(document, proof))
    proof["proofValue"] = "z" + base58.b58encode(signature).decode("ascii")
    # A list: the official OB 3.0 schema wants ``proof`` as an array (a proof set).
    return {**document, "proof": [proof]}


def verify_proof(document: dict, public_multibase: str) -> bool:
    """Check the embedded proof against an Ed25519 Multikey (used by our own tests; the
    independent check is the Digital Bazaar verifier in tests/credentials/node/)."""
    proofs = document["proof"]
    proof = dict(proofs[0] if isinstance(proofs, list) else proofs)
    value = proof.pop("proofValue")
    raw = base58.b58decode(public_multibase[1:])
    if not raw.startswith(keys.ED25519_MULTICODEC) or proof.get("cryptosuite") != CRYPTOSUITE:
        return False
    public = Ed25519PublicKey.from_public_bytes(raw[len(keys.ED25519_MULTICODEC) :])
    try:
        public.verify(base58.b58decode(value[1:]), _hash_data(document, proof))
    except InvalidSignature:
        return False
    return True
