import { useState } from 'preact/hooks';
import { FlagList } from './flag-list.tsx';
import { DossierView } from './dossier-view.tsx';
import { InspectionView } from './inspection-view.tsx';

type Tab = 'flags' | 'inspection';

/** The inspector's panel beside the back-office: flagged dossiers, one dossier, an inspection. */
export function SidePanel() {
  const [tab, setTab] = useState<Tab>('flags');
  const [dossier, setDossier] = useState<string | null>(null);
  return (
    <>
      <nav class="tabs" role="tablist" aria-label="Chế độ / Mode">
        {(
          [
            ['flags', 'Hồ sơ cảnh báo', 'Flags'],
            ['inspection', 'Kiểm tra đột xuất', 'Inspection'],
          ] as const
        ).map(([id, vi, en]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} onClick={() => setTab(id)}>
            {vi} <span class="en">{en}</span>
          </button>
        ))}
      </nav>
      <main>
        {dossier ? (
          <DossierView code={dossier} onBack={() => setDossier(null)} />
        ) : tab === 'flags' ? (
          <FlagList onOpen={setDossier} />
        ) : (
          <InspectionView onOpen={setDossier} />
        )}
      </main>
    </>
  );
}
