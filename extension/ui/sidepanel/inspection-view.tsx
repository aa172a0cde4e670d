/** Surprise inspections: filled in once the inspections API is wired (see InspectionPanel). */
export function InspectionView(_props: { onOpen: (code: string) => void }) {
  return (
    <section aria-labelledby="insp-title">
      <h1 id="insp-title">
        Kiểm tra đột xuất <span class="en">Surprise inspection</span>
      </h1>
      <p class="muted">Đang chuẩn bị / Coming next.</p>
    </section>
  );
}
