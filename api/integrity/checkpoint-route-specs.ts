import { z } from 'zod';
import type { RouteSpec } from '../openapi/route-spec.ts';
import { checkpointFileSchema, publicKeyResponseSchema } from './checkpoints.schemas.ts';

const C = '/v1/checkpoints';
const INSPECTORS = ['inspector', 'admin'] as const;
const tag = 'checkpoints';

/** Signed checkpoints of the hash chains (api/integrity), listed for the route table and the docs. */
export const CHECKPOINT_ROUTES: RouteSpec[] = [
  {
    method: 'get',
    path: `${C}/public-key`,
    tag,
    summary: {
      vi: 'Khóa công khai Ed25519 kiểm tra chữ ký điểm kiểm chứng',
      en: 'The Ed25519 public key that checks checkpoint signatures',
    },
    roles: 'public',
    scoped: false,
    response: publicKeyResponseSchema,
  },
  {
    method: 'get',
    path: `${C}/latest`,
    tag,
    summary: { vi: 'Điểm kiểm chứng mới nhất (tệp để lưu giữ)', en: 'The newest checkpoint, as a file to keep' },
    roles: INSPECTORS,
    scoped: false,
    response: checkpointFileSchema,
    errors: [404],
  },
  {
    method: 'get',
    path: `${C}/:seq`,
    tag,
    summary: { vi: 'Một điểm kiểm chứng theo số', en: 'One checkpoint by number' },
    roles: INSPECTORS,
    scoped: false,
    response: checkpointFileSchema,
    errors: [404],
  },
  {
    method: 'post',
    path: C,
    tag,
    summary: { vi: 'Ký điểm kiểm chứng mới của mọi chuỗi ngay bây giờ', en: 'Sign a checkpoint of every chain now' },
    roles: INSPECTORS,
    scoped: false,
    body: z.object({}),
    response: checkpointFileSchema,
    status: 201,
    example: {},
  },
];
