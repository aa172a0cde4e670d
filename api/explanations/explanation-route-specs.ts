import { z } from 'zod';
import { ANY_ROLE, type RouteSpec } from '../openapi/route-spec.ts';
import {
  explanationCreateSchema,
  explanationDecisionSchema,
  explanationListQuerySchema,
  explanationViewSchema,
  reasonCreateSchema,
  reasonViewSchema,
} from './explanations.schemas.ts';

const E = '/v1/explanations';
const tag = 'evaluation';

export const EXPLANATION_ROUTES: RouteSpec[] = [
  {
    method: 'get',
    path: `${E}/reasons`,
    tag,
    summary: { vi: 'Danh sách lý do giải trình', en: 'The list of explanation reasons' },
    roles: ANY_ROLE,
    scoped: false,
    response: z.object({ reasons: z.array(reasonViewSchema) }),
  },
  {
    method: 'post',
    path: `${E}/reasons`,
    tag,
    summary: { vi: 'Thêm một lý do giải trình', en: 'Add an explanation reason' },
    roles: ['admin'],
    scoped: false,
    body: reasonCreateSchema,
    response: reasonViewSchema,
    status: 201,
    errors: [409],
    example: { code: 'flood', labelVi: 'Thiên tai, lũ lụt', labelEn: 'Natural disaster' },
  },
  {
    method: 'get',
    path: E,
    tag,
    summary: {
      vi: 'Giải trình (chuyên viên: của mình; lãnh đạo, thanh tra, quản trị: cây đơn vị)',
      en: 'Explanations (clerk: own; others: unit subtree)',
    },
    roles: ANY_ROLE,
    scoped: true,
    clerks: 'own',
    query: explanationListQuerySchema,
    response: z.object({ explanations: z.array(explanationViewSchema) }),
  },
  {
    method: 'post',
    path: E,
    tag,
    summary: {
      vi: 'Giải trình một cảnh báo nêu tên mình hoặc một hồ sơ trễ hạn của mình',
      en: 'Explain a flag naming me or a late dossier of mine',
    },
    roles: ANY_ROLE,
    scoped: false,
    body: explanationCreateSchema,
    response: explanationViewSchema,
    status: 201,
    errors: [404, 409],
    example: { subject: { kind: 'dossier', code: '000.00.12.H32-260105-0001' }, reason: 'other_agency', text: 'Chờ ý kiến Sở Xây dựng' },
  },
  {
    method: 'post',
    path: `${E}/:id/decision`,
    tag,
    summary: { vi: 'Chấp nhận hoặc không chấp nhận một giải trình', en: 'Accept or reject an explanation' },
    roles: ['leader', 'inspector', 'admin'],
    scoped: true,
    body: explanationDecisionSchema,
    response: explanationViewSchema,
    errors: [409],
    example: { accept: true, note: 'Đúng là chờ ý kiến Sở Xây dựng' },
  },
];
