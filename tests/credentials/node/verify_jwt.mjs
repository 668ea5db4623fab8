// Verify a VC-JWT with panva's `jose`: the key is chosen by the header's `kid` from the
// issuer's published JWK Set, and the `kid` itself must dereference to that one JWK
// (OB 3.0 §8.2.3). Checks the claims OB 3.0 §8.2.6 asks for and reads the credential's
// revocation bit from the status list fetched as a VC-JWT. Prints one JSON line.
//   node verify_jwt.mjs <credential.jwt> <JWK Set URL>
import {readFile} from 'node:fs/promises';
import {gunzipSync} from 'node:zlib';
import {
  createRemoteJWKSet, decodeProtectedHeader, importJWK, jwtVerify, base64url,
} from 'jose';

const [file, jwksUrl] = process.argv.slice(2);
const token = (await readFile(file, 'utf8')).trim();
const keySet = createRemoteJWKSet(new URL(jwksUrl));
const header = decodeProtectedHeader(token);

const {payload} = await jwtVerify(token, keySet, {algorithms: ['ES256']});
const ownJwk = await (await fetch(header.kid)).json();
await jwtVerify(token, await importJWK(ownJwk, 'ES256'), {algorithms: ['ES256']});

const iso = seconds => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
const problems = [];
const expect = (ok, what) => ok || problems.push(what);
expect(ownJwk.kid === header.kid && !('d' in ownJwk), 'kid dereferences to its JWK');
expect(payload.iss === payload.issuer.id, 'iss is issuer.id');
expect(payload.sub === payload.credentialSubject.id, 'sub is credentialSubject.id');
expect(payload.jti === payload.id, 'jti is id');
expect(iso(payload.nbf) === payload.validFrom, 'nbf is validFrom');
expect(payload.exp === undefined ? !payload.validUntil : iso(payload.exp) === payload.validUntil,
  'exp is validUntil');

const entry = payload.credentialStatus;
const listToken = await (await fetch(entry.statusListCredential,
  {headers: {Accept: 'application/vc+jwt'}})).text();
const {payload: list} = await jwtVerify(listToken, keySet, {algorithms: ['ES256']});
expect(list.credentialSubject.statusPurpose === entry.statusPurpose, 'status purpose');
const bits = gunzipSync(base64url.decode(list.credentialSubject.encodedList.slice(1)));
const index = Number(entry.statusListIndex);
const revoked = Boolean(bits[index >> 3] & (0x80 >> (index % 8)));

console.log(JSON.stringify({
  verified: problems.length === 0, problems, alg: header.alg, kid: header.kid,
  bits: bits.length * 8, revoked,
}));
