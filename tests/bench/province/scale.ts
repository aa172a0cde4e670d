/**
 * Province-year sizes. The scale factor changes the number of units and keeps each unit's
 * density (25 officials, 10,000 dossiers a year), so per-unit query latencies measured at a small
 * factor are those a full-size province would see; only whole-province figures shrink.
 */
export const FULL_UNITS = 200;
export const OFFICIALS_PER_UNIT = 25;
export const DOSSIERS_PER_UNIT = 10_000;
export const YEAR = 2025;
/** Derivation runs at a fixed instant after the year, so both derivation paths agree exactly. */
export const DERIVE_NOW = Date.parse('2026-01-05T08:00:00+07:00');

export type ProvinceScale = {
  factor: number;
  units: number;
  officialsPerUnit: number;
  dossiersPerUnit: number;
  dossiers: number;
  officials: number;
  year: number;
};

export function provinceScale(factor: number): ProvinceScale {
  const units = Math.max(2, Math.round(FULL_UNITS * factor));
  return {
    factor: units / FULL_UNITS,
    units,
    officialsPerUnit: OFFICIALS_PER_UNIT,
    dossiersPerUnit: DOSSIERS_PER_UNIT,
    dossiers: units * DOSSIERS_PER_UNIT,
    officials: units * OFFICIALS_PER_UNIT,
    year: YEAR,
  };
}

export function describeScale(s: ProvinceScale): string {
  const share = s.factor >= 1 ? 'full scale' : `1/${Math.round(1 / s.factor)} of full scale`;
  return `${s.units} units, ${s.officials.toLocaleString('en-US')} officials, ${s.dossiers.toLocaleString('en-US')} dossiers (${share})`;
}
