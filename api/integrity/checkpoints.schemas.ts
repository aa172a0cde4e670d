import { z } from 'zod';

export const checkpointChainSchema = z.object({ officialId: z.string(), length: z.number().int(), head: z.string() });
export const checkpointBodySchema = z.object({
  format: z.string(),
  seq: z.number().int(),
  issuedAt: z.string(),
  keyId: z.string(),
  chainCount: z.number().int(),
  eventCount: z.number().int(),
  chains: z.array(checkpointChainSchema),
  log: z.object({ length: z.number().int(), head: z.string() }),
  suspectHeads: z.array(z.string()),
  previous: z.string().nullable(),
});
/** The file an auditor keeps: `signed` is the exact text the Ed25519 `signature` covers. */
export const checkpointFileSchema = z.object({
  checkpoint: checkpointBodySchema,
  signed: z.string(),
  signature: z.string(),
  publicKey: z.string(),
  sha256: z.string(),
});
export const publicKeyResponseSchema = z.object({ keyId: z.string(), publicKey: z.string(), algorithm: z.literal('Ed25519') });
export const checkpointSeqSchema = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
