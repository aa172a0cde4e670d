/**
 * ΔT = TT − UT in seconds. The lunar and solar series give Terrestrial Time; the calendar needs
 * civil (UT) time, and ΔT (about a minute today) decides the day of a new moon or solar term
 * that happens within a minute of local midnight.
 *
 * Until 2005: Espenak & Meeus polynomials (fitted to observations, within about a second).
 * 2005–2025: observed values every five years, interpolated, because the polynomial for that
 * span overshoots (the Earth's rotation sped up) by up to five seconds.
 * After 2025: the Espenak & Meeus extrapolation, shifted to join the last observed value. The
 * future ΔT is not knowable; by 2100 it is uncertain by a minute or two either way.
 */

const OBSERVED: ReadonlyArray<readonly [year: number, seconds: number]> = [
  [2005, 64.69],
  [2010, 66.07],
  [2015, 67.64],
  [2020, 69.36],
  [2025, 69.2],
];

function espenakMeeus(year: number): number {
  if (year < 1860) {
    const u = (year - 1820) / 100;
    return -20 + 32 * u * u;
  }
  if (year < 1900) {
    const t = year - 1860;
    return 7.62 + 0.5737 * t - 0.251754 * t ** 2 + 0.01680668 * t ** 3 - 0.0004473624 * t ** 4 + t ** 5 / 233174;
  }
  if (year < 1920) {
    const t = year - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  if (year < 1941) {
    const t = year - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (year < 1961) {
    const t = year - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (year < 1986) {
    const t = year - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (year < 2005) {
    const t = year - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3 + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5;
  }
  if (year < 2050) {
    const t = year - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  }
  const u = (year - 1820) / 100;
  return -20 + 32 * u * u - 0.5628 * (2150 - year);
}

const LAST_OBSERVED = OBSERVED[OBSERVED.length - 1] as readonly [number, number];
const EXTRAPOLATION_SHIFT = LAST_OBSERVED[1] - espenakMeeus(LAST_OBSERVED[0]);

/** ΔT in seconds for a decimal year (2024.5 = mid-2024). */
export function deltaTSeconds(year: number): number {
  const first = OBSERVED[0] as readonly [number, number];
  if (year < first[0]) return espenakMeeus(year);
  if (year >= LAST_OBSERVED[0]) return espenakMeeus(year) + EXTRAPOLATION_SHIFT;
  for (let i = 1; i < OBSERVED.length; i++) {
    const [y1, v1] = OBSERVED[i] as readonly [number, number];
    if (year < y1) {
      const [y0, v0] = OBSERVED[i - 1] as readonly [number, number];
      return v0 + ((v1 - v0) * (year - y0)) / (y1 - y0);
    }
  }
  return LAST_OBSERVED[1];
}

/** Decimal year of a Julian day, precise enough for ΔT. */
export function decimalYearOfJd(jd: number): number {
  return 2000 + (jd - 2451545) / 365.25;
}

/** Converts a Julian Ephemeris Day (TT) to a Julian Day in UT. */
export function ttToUt(jde: number): number {
  return jde - deltaTSeconds(decimalYearOfJd(jde)) / 86400;
}

/** Converts a Julian Day in UT to a Julian Ephemeris Day (TT). */
export function utToTt(jd: number): number {
  return jd + deltaTSeconds(decimalYearOfJd(jd)) / 86400;
}
