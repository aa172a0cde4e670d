import { useMemo } from 'preact/hooks';
import { DataTable } from '../../components/data-table.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { dayToDisplay } from '../../../../../shared/format/format.ts';
import {
  computeDefaultHolidays,
  createCalendar,
  KNOWN_SCHEDULES,
  type CalendarDefinition,
  type CalendarVersion,
} from '../../../../../shared/calendar/index.ts';

type Row = { date: string; computed: string | null; table: string | null; effective: boolean; name: string };

const WEEKDAYS = { vi: ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'], en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] };

/** The version that governs a day: the latest starting on or before it (the first for earlier days). */
function versionFor(def: CalendarDefinition, date: string): CalendarVersion {
  let v = def.versions[0]!;
  for (const x of def.versions) if (x.validFrom <= date) v = x;
  return v;
}

/**
 * A year's exceptional days: the statutory holidays computed by shared/calendar, the yearly table
 * (the government's published one and the unit's own override), and what the calendar finally
 * says, so an admin sees where an override changed the computed default.
 */
export function HolidayTable(props: { definition: CalendarDefinition; year: number }) {
  const { t, lang } = useI18n();
  const { definition, year } = props;
  const rows = useMemo<Row[]>(() => {
    const calendar = createCalendar(definition);
    const y = String(year);
    const dates = new Set<string>();
    const computedByVersion = new Map<CalendarVersion, ReturnType<typeof computeDefaultHolidays>>();
    for (const v of definition.versions) {
      const computed = v.holidays.computed ? computeDefaultHolidays(year, v.holidays) : [];
      computedByVersion.set(v, computed);
      computed.forEach((h) => dates.add(h.date));
      if (v.holidays.publishedSchedules)
        [...(KNOWN_SCHEDULES[y]?.daysOff ?? []), ...(KNOWN_SCHEDULES[y]?.workingDays ?? [])].forEach((d) => dates.add(d.date));
      [...(v.overrides[y]?.daysOff ?? []), ...(v.overrides[y]?.workingDays ?? [])].forEach((d) => dates.add(d.date));
    }
    const out: Row[] = [];
    for (const date of [...dates].sort()) {
      const v = versionFor(definition, date);
      const computed = computedByVersion.get(v)?.find((h) => h.date === date);
      const published = v.holidays.publishedSchedules ? KNOWN_SCHEDULES[y] : undefined;
      const own = v.overrides[y];
      const tableOff = own?.daysOff.find((d) => d.date === date) ?? published?.daysOff.find((d) => d.date === date);
      const tableWork = own?.workingDays.find((d) => d.date === date) ?? published?.workingDays.find((d) => d.date === date);
      const source =
        own?.daysOff.some((d) => d.date === date) || own?.workingDays.some((d) => d.date === date) ? '' : ` (${t('publishedTable')})`;
      const table = tableOff
        ? `${t('effectiveOff')}: ${tableOff.name}${source}`
        : tableWork
          ? `${t('effectiveWork')}: ${tableWork.note ?? ''}${source}`
          : null;
      if (!computed && !table) continue;
      const info = calendar.dayInfo(date);
      const computedText = computed ? `${computed.name}${computed.compensatory ? ` (${t('compensatory')})` : ''}` : null;
      out.push({
        date,
        computed: computedText,
        table,
        effective: info.working,
        name: info.holidayName ?? info.note ?? tableOff?.name ?? computed?.name ?? '',
      });
    }
    return out;
  }, [definition, year, lang]);
  const weekday = (date: string) => WEEKDAYS[lang][new Date(`${date}T00:00:00Z`).getUTCDay()]!;
  return (
    <DataTable
      caption={t('holidayTable', { year })}
      csvName="holidays"
      csvSuffix={String(year)}
      rows={rows}
      rowKey={(r) => r.date}
      testId="holiday-table"
      columns={[
        { key: 'date', header: t('colDate'), value: (r) => dayToDisplay(r.date) },
        { key: 'weekday', header: t('colWeekday'), value: (r) => weekday(r.date) },
        { key: 'name', header: t('colName'), value: (r) => r.name },
        { key: 'computed', header: t('colComputed'), value: (r) => r.computed ?? '—' },
        { key: 'table', header: t('colOverride'), value: (r) => r.table ?? '—' },
        { key: 'effective', header: t('colEffective'), value: (r) => (r.effective ? t('effectiveWork') : t('effectiveOff')) },
      ]}
    />
  );
}
