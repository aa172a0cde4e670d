import { useState } from 'preact/hooks';
import { ask } from './ask.ts';

type Holder = { holder?: { id: string; displayName: string | null } };

/** The inspector's finding on one sampled dossier: was the delay justified, who answers for it. */
export function FindingForm(props: {
  inspectionId: string;
  dossier: { dossierCode: string; evidence: { segments: Holder[] }; finding: { delayJustified: boolean; note: string } | null };
  onSaved: () => void;
}) {
  const holders = [...new Map(props.dossier.evidence.segments.filter((s) => s.holder).map((s) => [s.holder!.id, s.holder!])).values()];
  const [justified, setJustified] = useState(props.dossier.finding?.delayJustified ?? false);
  const [responsible, setResponsible] = useState('');
  const [note, setNote] = useState(props.dossier.finding?.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const id = `f-${props.dossier.dossierCode}`;
  async function save(e: Event) {
    e.preventDefault();
    const r = await ask<unknown>({
      type: 'apiCall',
      method: 'PUT',
      path: `/v1/inspections/${props.inspectionId}/findings/${props.dossier.dossierCode}`,
      body: { delayJustified: justified, responsibleOfficialId: responsible || null, note },
    });
    if (r.error) setError(r.error);
    else props.onSaved();
  }
  return (
    <form onSubmit={save} aria-label={`Kết luận ${props.dossier.dossierCode}`}>
      <label>
        <input
          type="checkbox"
          checked={justified}
          onChange={(e) => setJustified(e.currentTarget.checked)}
          style={{ display: 'inline', width: 'auto' }}
        />{' '}
        Chậm có lý do <span class="en">Delay justified</span>
      </label>
      <label for={`${id}-who`}>
        Người chịu trách nhiệm <span class="en">Responsible</span>
      </label>
      <select id={`${id}-who`} value={responsible} onChange={(e) => setResponsible(e.currentTarget.value)}>
        <option value="">—</option>
        {holders.map((h) => (
          <option key={h.id} value={h.id}>
            {h.displayName ?? h.id}
          </option>
        ))}
      </select>
      <label>
        Ghi chú <span class="en">Note</span>
        <input required value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      {error && <p class="error">{error}</p>}
      <button type="submit" class="secondary">
        {props.dossier.finding ? 'Cập nhật' : 'Ghi kết luận'} <span class="en">Save finding</span>
      </button>
    </form>
  );
}
