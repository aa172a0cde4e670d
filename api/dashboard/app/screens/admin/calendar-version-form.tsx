import { useState } from 'preact/hooks';
import { JsonEditor } from '../../components/json-editor.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { api } from '../../lib/api-client.ts';
import { dayToDisplay, displayToDay } from '../../../../../shared/format/format.ts';
import { addDays, todayLocal } from '../../lib/period.ts';
import { calendarVersionInputSchema, type CalendarView } from '../../../../../shared/contract/admin/calendars.ts';

/**
 * Adds a version from a date: the date is its own field (dd/mm/yyyy); the rest starts as a copy
 * of the version in force, so an admin changes only what differs (a new year's override table).
 */
export function CalendarVersionForm(props: { unitId: string; view: CalendarView; onAdded: () => void }) {
  const { t } = useI18n();
  const latest = props.view.definition.versions.at(-1)!;
  const earliest = [todayLocal(), addDays(latest.validFrom, 1)].sort().at(-1)!;
  const [date, setDate] = useState(dayToDisplay(earliest));
  const { validFrom: _from, ...rest } = latest;
  return (
    <section aria-labelledby="version-add-title" class="card">
      <h2 id="version-add-title">{t('addVersionTitle')}</h2>
      <p>{t('addVersionHelp')}</p>
      <JsonEditor
        label={t('versionJson')}
        initial={JSON.stringify(rest, null, 2)}
        schema={calendarVersionInputSchema}
        submitLabel={t('add')}
        testId="calendar-version-form"
        prepare={(parsed) => ({ ...(parsed as object), validFrom: displayToDay(date) ?? date })}
        onSubmit={async (body) => {
          const r = await api<{ calendar: { version: number } }>(`/v1/admin/calendars/${encodeURIComponent(props.unitId)}`, { body });
          // A later version must start after this one: offer the next day.
          setDate(dayToDisplay(addDays(body.validFrom, 1)));
          props.onAdded();
          return t('versionAdded', { version: r.calendar.version });
        }}
      >
        <label>
          {t('validFrom')}
          <input
            name="validFrom"
            inputMode="numeric"
            placeholder="dd/mm/yyyy"
            value={date}
            onInput={(e) => setDate(e.currentTarget.value)}
          />
        </label>
      </JsonEditor>
    </section>
  );
}
