import { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { ApiFailure } from '../http/errors.ts';
import { requireSession } from '../auth/middleware.ts';
import { getCheckpoint, issueCheckpoint, toCheckpointFile } from './checkpoints.repository.ts';
import { checkpointSeqSchema } from './checkpoints.schemas.ts';

const INSPECTORS = ['inspector', 'admin'] as const;
const noCheckpoint = () => new ApiFailure(404, 'not_found', 'Không có điểm kiểm chứng / No such checkpoint');

/**
 * Signed checkpoints of every hash chain, for inspectors to download and keep (and to issue one
 * on demand before an inspection); the public key that checks them is public.
 */
export function createCheckpointRoutes() {
  const file = (c: { header(n: string, v: string): void }, seq: number) =>
    c.header('Content-Disposition', `attachment; filename="dossier-pulse-checkpoint-${seq}.json"`);
  return new Hono<AppEnv>()
    .get('/public-key', (c) => {
      const { integrity } = c.var.services;
      return c.json({ keyId: integrity.keyId, publicKey: integrity.publicKeyPem, algorithm: 'Ed25519' as const });
    })
    .get('/latest', requireSession(...INSPECTORS), async (c) => {
      const { db, integrity } = c.var.services;
      const row = await getCheckpoint(db, 'latest');
      if (!row) throw noCheckpoint();
      file(c, Number(row.seq));
      return c.json(toCheckpointFile(row, integrity.publicKeyPem));
    })
    .get('/:seq', requireSession(...INSPECTORS), async (c) => {
      const { db, integrity } = c.var.services;
      const seq = checkpointSeqSchema.safeParse(c.req.param('seq'));
      if (!seq.success) throw noCheckpoint();
      const row = await getCheckpoint(db, seq.data);
      if (!row) throw noCheckpoint();
      file(c, Number(row.seq));
      return c.json(toCheckpointFile(row, integrity.publicKeyPem));
    })
    .post('/', requireSession(...INSPECTORS), async (c) => {
      const { db, integrity, now } = c.var.services;
      const row = (await issueCheckpoint(db, integrity, now()))!;
      file(c, Number(row.seq));
      return c.json(toCheckpointFile(row, integrity.publicKeyPem), 201);
    });
}
