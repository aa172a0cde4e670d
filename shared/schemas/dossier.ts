import { z } from 'zod';

import { DOSSIER_CODE_RE, PROCEDURE_CODE_RE, UNIT_ID_RE, ACTION_KINDS } from './dossier-code.ts';
export * from './dossier-code.ts';

export const dossierCodeSchema = z.string().regex(DOSSIER_CODE_RE, 'mã hồ sơ không đúng dạng {đơn vị}-{yyMMdd}-{NNNN}');
export const unitIdSchema = z.string().regex(UNIT_ID_RE, 'mã đơn vị không đúng dạng xxx.yy.zz.Ann');
export const procedureCodeSchema = z.string().regex(PROCEDURE_CODE_RE, 'mã thủ tục không đúng dạng');

export const actionKindSchema = z.enum(ACTION_KINDS);
