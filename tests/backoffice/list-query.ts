/** Filtering, sorting and paging of a queue, shared by both variants' lists. */
import type { DemoOfficial } from '../../shared/demo/roster.ts';
import type { Dossier } from './model.ts';
import type { QueueDef } from './queues.ts';
import { procedureOf } from './rules.ts';

export const SORT_KEYS = ['code', 'receivedAt', 'appointmentAt', 'status'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface ListQuery {
  q?: string;
  procedure?: string;
  sort?: SortKey;
  dir?: 'asc' | 'desc';
  page?: number;
  size?: number;
}

export interface ListPage {
  items: Dossier[];
  total: number;
  page: number;
  size: number;
  sort: SortKey;
  dir: 'asc' | 'desc';
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase();

function matches(d: Dossier, q: string): boolean {
  const needle = fold(q.trim());
  if (!needle) return true;
  const hay = [d.code, d.applicant.name, d.applicant.idNumber, d.applicant.phone, procedureOf(d).name, d.subject];
  return hay.some((h) => fold(h).includes(needle));
}

function keyOf(d: Dossier, sort: SortKey): string | number {
  switch (sort) {
    case 'code':
      return d.code;
    case 'receivedAt':
      return Date.parse(d.receivedAt ?? d.submittedAt);
    case 'appointmentAt':
      return d.appointmentAt ? Date.parse(d.appointmentAt) : Number.MAX_SAFE_INTEGER;
    case 'status':
      return d.status;
  }
}

export function parseSort(s: string | null | undefined): SortKey {
  return (SORT_KEYS as readonly string[]).includes(s ?? '') ? (s as SortKey) : 'appointmentAt';
}

export function listQueue(all: Dossier[], queue: QueueDef, me: DemoOfficial, at: Date, query: ListQuery): ListPage {
  const sort = query.sort ?? 'appointmentAt';
  const dir = query.dir === 'desc' ? 'desc' : 'asc';
  const size = Math.min(Math.max(query.size ?? 10, 1), 100);
  const rows = all
    .filter((d) => queue.test(d, me, at) && matches(d, query.q ?? '') && (!query.procedure || d.procedureCode === query.procedure))
    .sort((a, b) => {
      const x = keyOf(a, sort);
      const y = keyOf(b, sort);
      const c = x < y ? -1 : x > y ? 1 : a.id - b.id;
      return dir === 'asc' ? c : -c;
    });
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const page = Math.min(Math.max(query.page ?? 1, 1), pages);
  return { items: rows.slice((page - 1) * size, page * size), total: rows.length, page, size, sort, dir };
}
