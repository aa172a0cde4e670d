import type { Db } from '../db/connect.ts';

export type SecurityAlert = {
  kind: string;
  subject: string;
  unitId: string | null;
  firstAt: string;
  lastAt: string;
  count: number;
  details: Record<string, unknown>;
};

/**
 * Alerts admins see (`GET /v1/admin/security-alerts`): one row per kind and subject (an account
 * under attack, a client guessing), counting how often it fired and when it last did.
 */
export async function raiseAlert(
  db: Db,
  a: { kind: string; subject: string; unitId: string | null; now: number; details: Record<string, unknown> },
): Promise<void> {
  const details = JSON.stringify(a.details);
  await db
    .insertInto('security_alerts')
    .values({ kind: a.kind, subject: a.subject, unit_id: a.unitId, first_at: a.now, last_at: a.now, count: 1, details })
    .onConflict((oc) =>
      oc
        .columns(['kind', 'subject'])
        .doUpdateSet((eb) => ({ count: eb('security_alerts.count', '+', 1), last_at: a.now, details, unit_id: a.unitId })),
    )
    .execute();
}

/** Newest first; `units` limits to alerts about accounts of those units (null: every alert, for province admins). */
export async function listAlerts(db: Db, units: readonly string[] | null, opts: { since: number; limit: number; offset: number }) {
  let q = db.selectFrom('security_alerts').where('last_at', '>=', opts.since);
  if (units) q = q.where('unit_id', 'in', units.length ? [...units] : ['']);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await q
    .selectAll()
    .orderBy('last_at', 'desc')
    .orderBy('kind')
    .orderBy('subject')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
  const alerts: SecurityAlert[] = rows.map((r) => ({
    kind: r.kind,
    subject: r.subject,
    unitId: r.unit_id,
    firstAt: new Date(Number(r.first_at)).toISOString(),
    lastAt: new Date(Number(r.last_at)).toISOString(),
    count: Number(r.count),
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
  return {
    alerts,
    page: {
      limit: opts.limit,
      offset: opts.offset,
      total,
      nextOffset: opts.offset + rows.length < total ? opts.offset + rows.length : null,
    },
  };
}
