import { z } from 'zod';
import { ANY_ROLE, type RouteSpec } from '../openapi/route-spec.ts';

export const accessReadSchema = z.object({
  at: z.string(),
  readerId: z.string(),
  readerName: z.string(),
  readerRole: z.string(),
  what: z.enum(['figures', 'dossier', 'sheet', 'export']),
  detail: z.string(),
});

export const ACCESS_LOG_ROUTES: RouteSpec[] = [
  {
    method: 'get',
    path: '/v1/me/reads',
    tag: 'evaluation',
    summary: { vi: 'Ai đã xem số liệu, hồ sơ, phiếu đánh giá của tôi', en: 'Who read my figures, dossiers and sheets' },
    roles: ANY_ROLE,
    scoped: false,
    response: z.object({ reads: z.array(accessReadSchema) }),
  },
];
