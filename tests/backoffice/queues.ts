/**
 * Work queues as real one-stop back-offices group them (DOMAIN.md): each official sees their
 * own queues, desk clerks the reception and return ones, leaders the whole unit's follow-up.
 */
import type { BackofficeRole, DemoOfficial } from '../../shared/demo/roster.ts';
import type { Dossier } from './model.ts';
import { ENDED_STATUSES } from './model.ts';
import { procedureOf } from './rules.ts';
import { addWorkingTime } from './working-time.ts';

export interface QueueDef {
  /** Path segment of the single-page app: `/dvc/{group}/{key}`. */
  group: string;
  key: string;
  /** `loai=` value of the classic variant. */
  classic: string;
  label: string;
  roles: BackofficeRole[] | 'all';
  test: (d: Dossier, me: DemoOfficial, at: Date) => boolean;
}

export interface QueueGroup {
  key: string;
  label: string;
}

export const QUEUE_GROUPS: QueueGroup[] = [
  { key: 'tiep-nhan', label: 'Tiếp nhận' },
  { key: 'xu-ly-ho-so', label: 'Xử lý hồ sơ' },
  { key: 'bo-sung', label: 'Bổ sung' },
  { key: 'theo-doi', label: 'Theo dõi' },
  { key: 'tra-ket-qua', label: 'Trả kết quả' },
  { key: 'tra-cuu', label: 'Tra cứu' },
];

const mine = (d: Dossier, me: DemoOfficial) => d.handler === me.username;
const sameUnit = (d: Dossier, me: DemoOfficial) => d.unitId === me.unitId;
const open = (d: Dossier) => !ENDED_STATUSES.has(d.status);
const isLastStep = (d: Dossier) => d.stepIndex === procedureOf(d).steps.length - 1;
const handedOverBy = (d: Dossier, me: DemoOfficial) => d.history.some((h) => h.from === me.username && h.to && h.to !== me.username);
/** Leaders and desk clerks follow the whole unit; specialists follow what they hold. */
const followed = (d: Dossier, me: DemoOfficial) => sameUnit(d, me) && (me.backofficeRole !== 'specialist' || mine(d, me));
const due = (d: Dossier) => (d.appointmentAt ? Date.parse(d.appointmentAt) : Infinity);
const running = (d: Dossier) => d.status === 2 || d.status === 4 || d.status === 5;

export const QUEUES: QueueDef[] = [
  {
    group: 'tiep-nhan',
    key: 'cho-tiep-nhan',
    classic: 'chotiepnhan',
    label: 'Chờ tiếp nhận trực tuyến',
    roles: ['desk_clerk'],
    test: (d, me) => sameUnit(d, me) && d.status === 1,
  },
  {
    group: 'tiep-nhan',
    key: 'moi-tiep-nhan',
    classic: 'moitiepnhan',
    label: 'Mới tiếp nhận',
    roles: ['desk_clerk'],
    test: (d, me) => mine(d, me) && d.status === 2 && d.stepIndex === 0,
  },
  {
    group: 'tiep-nhan',
    key: 'tu-choi',
    classic: 'tuchoi',
    label: 'Từ chối tiếp nhận',
    roles: ['desk_clerk'],
    test: (d, me) => sameUnit(d, me) && d.status === 3,
  },
  {
    group: 'tiep-nhan',
    key: 'da-chuyen-xu-ly',
    classic: 'tndachuyen',
    label: 'Đã chuyển xử lý',
    roles: ['desk_clerk'],
    test: (d, me) => d.receivedBy === me.username && !mine(d, me) && open(d),
  },
  {
    group: 'xu-ly-ho-so',
    key: 'dang-xu-ly',
    classic: 'dangxuly',
    label: 'Đang xử lý',
    roles: 'all',
    test: (d, me) => mine(d, me) && (d.status === 2 || d.status === 4),
  },
  {
    group: 'xu-ly-ho-so',
    key: 'dung-xu-ly',
    classic: 'dungxuly',
    label: 'Dừng xử lý',
    roles: 'all',
    test: (d, me) => sameUnit(d, me) && d.status === 8,
  },
  {
    group: 'xu-ly-ho-so',
    key: 'da-chuyen',
    classic: 'dachuyen',
    label: 'Đã chuyển xử lý',
    roles: 'all',
    test: (d, me) => handedOverBy(d, me) && !mine(d, me) && open(d),
  },
  {
    group: 'bo-sung',
    key: 'yeu-cau-bo-sung',
    classic: 'yeucaubosung',
    label: 'Yêu cầu bổ sung',
    roles: ['desk_clerk', 'specialist'],
    test: (d, me) => d.status === 5 && d.supplement?.requestedBy === me.username,
  },
  {
    group: 'bo-sung',
    key: 'cho-bo-sung',
    classic: 'chobosung',
    label: 'Chờ bổ sung',
    roles: ['desk_clerk', 'specialist'],
    test: (d, me) => sameUnit(d, me) && d.status === 5,
  },
  {
    group: 'bo-sung',
    key: 'da-bo-sung',
    classic: 'dabosung',
    label: 'Đã bổ sung',
    roles: ['desk_clerk', 'specialist'],
    test: (d, me) => sameUnit(d, me) && d.supplementCount > 0 && d.status !== 5 && open(d),
  },
  {
    group: 'theo-doi',
    key: 'toi-han',
    classic: 'toihan',
    label: 'Hồ sơ tới hạn (3 ngày)',
    roles: 'all',
    test: (d, me, at) => followed(d, me) && running(d) && due(d) >= at.getTime() && due(d) <= addWorkingTime(at, 3 * 8 * 3600).getTime(),
  },
  {
    group: 'theo-doi',
    key: 'qua-han',
    classic: 'quahan',
    label: 'Hồ sơ quá hạn',
    roles: 'all',
    test: (d, me, at) => followed(d, me) && running(d) && due(d) < at.getTime(),
  },
  {
    group: 'tra-ket-qua',
    key: 'cho-tra',
    classic: 'chotra',
    label: 'Chờ trả kết quả',
    roles: ['desk_clerk'],
    test: (d, me) => sameUnit(d, me) && (d.status === 9 || (d.status === 4 && isLastStep(d))),
  },
  {
    group: 'tra-ket-qua',
    key: 'da-tra',
    classic: 'datra',
    label: 'Đã trả kết quả',
    roles: ['desk_clerk'],
    test: (d, me) => sameUnit(d, me) && d.status === 10,
  },
  { group: 'tra-cuu', key: 'tat-ca', classic: 'tracuu', label: 'Tra cứu hồ sơ', roles: 'all', test: (d, me) => sameUnit(d, me) },
];

export function queuesFor(me: DemoOfficial): QueueDef[] {
  return QUEUES.filter((q) => q.roles === 'all' || (me.backofficeRole != null && q.roles.includes(me.backofficeRole)));
}

export function findQueue(group: string, key: string): QueueDef | undefined {
  return QUEUES.find((q) => q.group === group && q.key === key);
}

export function findClassicQueue(loai: string): QueueDef | undefined {
  return QUEUES.find((q) => q.classic === loai);
}
