import { createHmac, createPrivateKey, generateKeyPairSync, hkdfSync } from 'node:crypto';
import { expect, test } from 'vitest';
import { integrityKeyFromPem, publicKeyFromPem } from './signing-key.ts';

test('tags are HMAC-SHA-256 under the key derived from the Ed25519 seed; signatures check with the public key', () => {
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = integrityKeyFromPem(pem);
  const seed = Buffer.from(createPrivateKey(pem).export({ format: 'jwk' }).d!, 'base64url');
  const tagKey = Buffer.from(hkdfSync('sha256', seed, Buffer.alloc(0), 'dossier-pulse/row-tags/v1', 32));
  for (const data of ['', 'dữ liệu ✓', 'x'.repeat(300)]) {
    // Twice: the prepared states must not be consumed by the first use.
    for (let i = 0; i < 2; i++)
      expect(key.tag('row-v2', data)).toBe(
        createHmac('sha256', tagKey).update('row-v2').update('\u0000').update(data, 'utf8').digest('base64url'),
      );
  }
  const pub = publicKeyFromPem(key.publicKeyPem);
  expect(pub.keyId).toBe(key.keyId);
  expect(pub.verify('checkpoint', key.sign('checkpoint'))).toBe(true);
  expect(pub.verify('checkpoint!', key.sign('checkpoint'))).toBe(false);
});
