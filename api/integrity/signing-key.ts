import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, hkdfSync, sign, verify, type KeyObject } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The server's integrity key: an Ed25519 private key in a PEM file outside the database
 * (CHECKPOINT_KEY_FILE). It signs checkpoints (anyone holding the public key can check them) and,
 * through a key derived from it, tags every chained row and chain head (HMAC-SHA-256), so someone
 * who can write the database but cannot read this file can neither forge a row nor re-sign a
 * rewritten chain.
 */
export type IntegrityKey = {
  /** First 16 bytes of SHA-256 of the public key (SPKI DER), hex: names the key in checkpoints. */
  keyId: string;
  publicKeyPem: string;
  /** Ed25519 signature of the UTF-8 text, base64. */
  sign(text: string): string;
  /** HMAC-SHA-256 under the derived tag key, base64url; `domain` separates the uses. */
  tag(domain: string, data: string): string;
};

export type PublicKey = { keyId: string; publicKeyPem: string; verify(text: string, signature: string): boolean };

const TAG_INFO = 'dossier-pulse/row-tags/v1';

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 32);
}

export function integrityKeyFromPem(pem: string): IntegrityKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('CHECKPOINT_KEY_FILE must hold an Ed25519 private key (PKCS#8 PEM)');
  const publicKey = createPublicKey(privateKey);
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
  const tagKey = Buffer.from(hkdfSync('sha256', seed, Buffer.alloc(0), TAG_INFO, 32));
  // HMAC-SHA-256 (RFC 2104) with the padded key hashed once: each tag copies the two prepared
  // states instead of setting up a new HMAC (a third of the cost per chained row).
  const block = Buffer.alloc(64);
  tagKey.copy(block);
  const inner = createHash('sha256').update(block.map((b) => b ^ 0x36));
  const outer = createHash('sha256').update(block.map((b) => b ^ 0x5c));
  return {
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (text) => sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64'),
    tag: (domain, data) =>
      outer.copy().update(inner.copy().update(domain).update('\u0000').update(data, 'utf8').digest()).digest('base64url'),
  };
}

export function publicKeyFromPem(pem: string): PublicKey {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 public key');
  return {
    keyId: keyIdOf(key),
    publicKeyPem: key.export({ type: 'spki', format: 'pem' }).toString(),
    verify: (text, signature) => {
      try {
        return verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(signature, 'base64'));
      } catch {
        return false;
      }
    },
  };
}

/** A fresh key held in memory only (tests, benchmarks). */
export function generateIntegrityKey(): IntegrityKey {
  return integrityKeyFromPem(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
}

/**
 * Reads the key file; when `create` is set and the file does not exist yet (development), makes
 * one, readable by its owner only. Several processes may start at once: the file appears
 * atomically (written aside, then hard-linked into place), and a loser reads the winner's key.
 */
export function loadIntegrityKey(path: string, opts: { create: boolean }): IntegrityKey {
  try {
    return integrityKeyFromPem(readFileSync(path, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || !opts.create) {
      throw new Error(`Cannot read the checkpoint key ${path}: ${(e as Error).message}`);
    }
  }
  mkdirSync(dirname(path), { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  const aside = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(aside, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  try {
    linkSync(aside, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    rmSync(aside, { force: true });
  }
  return integrityKeyFromPem(readFileSync(path, 'utf8'));
}
