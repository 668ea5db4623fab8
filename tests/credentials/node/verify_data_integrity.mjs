// Verify a credential's embedded eddsa-rdfc-2022 proof with Digital Bazaar's
// @digitalbazaar/vc (jsonld-signatures, safe mode), resolving the issuer's did:web key,
// and read its status through @digitalbazaar/vc-bitstring-status-list (which verifies
// the status list credential's own proof). Prints one JSON line.
//   node verify_data_integrity.mjs <credential.json> <origin of the site>
import {readFile} from 'node:fs/promises';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import {makeLoader} from './loader.mjs';

const [file, origin] = process.argv.slice(2);
const credential = JSON.parse(await readFile(file, 'utf8'));
const did = typeof credential.issuer === 'object' ? credential.issuer.id : credential.issuer;
const documentLoader = makeLoader({origin, did});
const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});

const result = await vc.verifyCredential({credential, suite, documentLoader, checkStatus});
const status = result.statusResult?.results?.[0];
// The list beside the revocation list tells a superseded certificate from a revoked one.
const entry = credential.credentialStatus;
const suspension = await checkStatus({
  credential: {
    ...credential,
    credentialStatus: {
      ...entry,
      id: entry.id.replace('#', '/suspension#'),
      statusPurpose: 'suspension',
      statusListCredential: `${entry.statusListCredential}/suspension`,
    },
  },
  documentLoader, suite,
});
console.log(JSON.stringify({
  verified: result.verified,
  error: result.error ? String(result.error.errors?.[0] ?? result.error) : null,
  statusVerified: result.statusResult?.verified ?? null,
  revoked: status ? status.status : null,
  superseded: suspension.results?.[0]?.status ?? null,
}));
