import { useState } from 'preact/hooks';
import { DataTable } from '../../components/data-table.tsx';
import { Status } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { api } from '../../lib/api-client.ts';
import { dayToDisplay, formatDateTime } from '../../../../../shared/format/format.ts';
import { todayLocal } from '../../lib/period.ts';
import { officialNames } from '../../lib/official-names.ts';
import { useLoad } from '../../lib/use-fetch.ts';
import type { CalendarView } from '../../../../../shared/contract/admin/calendars.ts';
import { CalendarVersionForm } from './calendar-version-form.tsx';
import { HolidayTable } from './holiday-table.tsx';
import { UnitSelect, useUnits } from './units-admin.tsx';

/** A unit's working calendar: where it comes from, its versions, a year's holiday table, and a new version. */
export function AdminCalendarsScreen() {
  const { t } = useI18n();
  const units = useUnits().data?.units ?? [];
  const thisYear = Number(todayLocal().slice(0, 4));
  // From the first year with a published government table (2025) or last year, to two years ahead.
  const first = Math.min(2025, thisYear - 1);
  const years = Array.from({ length: thisYear + 3 - first }, (_, i) => first + i);
  const [unit, setUnit] = useState('');
  const [year, setYear] = useState(thisYear);
  const unitId = unit || units[0]?.id || '';
  const names = useLoad('official-names', officialNames);
  const { data, error, loading, reload } = useLoad(unitId || null, () =>
    api<CalendarView>(`/v1/admin/calendars/${encodeURIComponent(unitId)}`),
  );
  const source =
    data?.source === 'inherited'
      ? t('calendarSource.inherited', { unit: units.find((u) => u.id === data.inheritedFrom)?.name ?? data.inheritedFrom ?? '' })
      : data
        ? t(data.source === 'own' ? 'calendarSource.own' : 'calendarSource.default')
        : '';
  return (
    <>
      <h1>{t('calendarsTitle')}</h1>
      <div class="toolbar">
        <UnitSelect label={t('calendarUnit')} name="unit" units={units} value={unitId} onChange={setUnit} />
        <label>
          {t('calendarYear')}
          <select name="year" value={String(year)} onChange={(e) => setYear(Number(e.currentTarget.value))}>
            {years.map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Status loading={loading} error={error} onRetry={reload} />
      {data && (
        <>
          <p data-testid="calendar-source">{t('calendarSource', { source })}</p>
          <section aria-labelledby="holidays-title">
            <h2 id="holidays-title">{t('holidayTable', { year })}</h2>
            <HolidayTable definition={data.definition} year={year} />
          </section>
          <section aria-labelledby="versions-title">
            <h2 id="versions-title">{t('versionsTable')}</h2>
            <DataTable
              caption={t('versionsTable')}
              csvName="calendar-versions"
              csvSuffix={unitId}
              rows={data.versions}
              rowKey={(v) => String(v.version)}
              columns={[
                { key: 'version', header: t('colVersion'), numeric: true, value: (v) => v.version },
                { key: 'validFrom', header: t('colValidFrom'), value: (v) => dayToDisplay(v.validFrom) },
                { key: 'createdAt', header: t('colCreatedAt'), value: (v) => formatDateTime(v.createdAt) },
                {
                  key: 'createdBy',
                  header: t('colCreatedBy'),
                  value: (v) => (v.createdBy ? (names.data?.get(v.createdBy) ?? v.createdBy) : '—'),
                },
              ]}
            />
          </section>
          <CalendarVersionForm key={unitId} unitId={unitId} view={data} onAdded={reload} />
        </>
      )}
    </>
  );
}
