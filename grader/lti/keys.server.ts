/**
 * Our LTI key pair (RS256): generated once by the first process that needs it and stored in the
 * database, so every web server and worker signs with the same key and /api/lti/jwks stays stable.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import * as z from "zod/mini";
import { parseStored } from "../store.server";
import type { LtiStore } from "./store.server";

export const ALG = "RS256";

/** An RSA JWK as we store it (the private one also has d, p, q…, kept as they are). */
const rsaJwkSchema = z.looseObject({ kty: z.literal("RSA"), n: z.string(), e: z.string(), kid: z.string() });

export interface ToolKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

const cache = new WeakMap<LtiStore, Promise<ToolKey>>();

export function toolKey(store: LtiStore): Promise<ToolKey> {
  let key = cache.get(store);
  if (!key) {
    key = (async () => {
      const pair = await store.keyPair(async () => {
        const { publicKey, privateKey } = await generateKeyPair(ALG, { modulusLength: 2048, extractable: true });
        const kid = randomUUID();
        const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALG, use: "sig" };
        return { kid, privateJwk: JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: ALG }), publicJwk: JSON.stringify(publicJwk) };
      });
      const privateKey = await importJWK(parseStored(rsaJwkSchema, pair.privateJwk, `LTI key ${pair.kid}: private JWK`), ALG);
      if (privateKey instanceof Uint8Array) throw new Error("the stored LTI private key is not an RSA key");
      return { kid: pair.kid, privateKey, publicJwk: parseStored(rsaJwkSchema, pair.publicJwk, `LTI key ${pair.kid}: public JWK`) };
    })();
    key.catch(() => cache.delete(store));
    cache.set(store, key);
  }
  return key;
}
