/**
 * The Sun's apparent geocentric longitude, which places the solar terms ("tiết khí"; the 12 major
 * ones, "trung khí", at multiples of 30°) that decide month 11 and the leap month.
 *
 * Earth's heliocentric longitude comes from VSOP87D as abridged in Meeus, "Astronomical
 * Algorithms" (2nd ed.), appendix III: about one arc second, i.e. a solar term to within half a
 * minute, where the usual "low accuracy" formula (0.01°) misplaces it by up to a quarter of an
 * hour. Then: the FK5 frame correction, nutation in longitude (four largest terms) and
 * aberration.
 */

// Triples (amplitude × 1e-8 rad, phase rad, frequency rad per Julian millennium).
const L0 = [
  175347046, 0, 0, 3341656, 4.6692568, 6283.07585, 34894, 4.6261, 12566.1517, 3497, 2.7441, 5753.3849, 3418, 2.8289, 3.5231, 3136, 3.6277,
  77713.7715, 2676, 4.4181, 7860.4194, 2343, 6.1352, 3930.2097, 1324, 0.7425, 11506.7698, 1273, 2.0371, 529.691, 1199, 1.1096, 1577.3435,
  990, 5.233, 5884.927, 902, 2.045, 26.298, 857, 3.508, 398.149, 780, 1.179, 5223.694, 753, 2.533, 5507.553, 505, 4.583, 18849.228, 492,
  4.205, 775.523, 357, 2.92, 0.067, 317, 5.849, 11790.629, 284, 1.899, 796.298, 271, 0.315, 10977.079, 243, 0.345, 5486.778, 206, 4.806,
  2544.314, 205, 1.869, 5573.143, 202, 2.458, 6069.777, 156, 0.833, 213.299, 132, 3.411, 2942.463, 126, 1.083, 20.775, 115, 0.645, 0.98,
  103, 0.636, 4694.003, 102, 0.976, 15720.839, 102, 4.267, 7.114, 99, 6.21, 2146.17, 98, 0.68, 155.42, 86, 5.98, 161000.69, 85, 1.3,
  6275.96, 85, 3.67, 71430.7, 80, 1.81, 17260.15, 79, 3.04, 12036.46, 75, 1.76, 5088.63, 74, 3.5, 3154.69, 74, 4.68, 801.82, 70, 0.83,
  9437.76, 62, 3.98, 8827.39, 61, 1.82, 7084.9, 57, 2.78, 6286.6, 56, 4.39, 14143.5, 56, 3.47, 6279.55, 52, 0.19, 12139.55, 52, 1.33,
  1748.02, 51, 0.28, 5856.48, 49, 0.49, 1194.45, 41, 5.37, 8429.24, 41, 2.4, 19651.05, 39, 6.17, 10447.39, 37, 6.04, 10213.29, 37, 2.57,
  1059.38, 36, 1.71, 2352.87, 36, 1.78, 6812.77, 33, 0.59, 17789.85, 30, 0.44, 83996.85, 30, 2.74, 1349.87, 25, 3.16, 4690.48,
];
const L1 = [
  628331966747, 0, 0, 206059, 2.678235, 6283.07585, 4303, 2.6351, 12566.1517, 425, 1.59, 3.523, 119, 5.796, 26.298, 109, 2.966, 1577.344,
  93, 2.59, 18849.23, 72, 1.14, 529.69, 68, 1.87, 398.15, 67, 4.41, 5507.55, 59, 2.89, 5223.69, 56, 2.17, 155.42, 45, 0.4, 796.3, 36, 0.47,
  775.52, 29, 2.65, 7.11, 21, 5.34, 0.98, 19, 1.85, 5486.78, 19, 4.97, 213.3, 17, 2.99, 6275.96, 16, 0.03, 2544.31, 16, 1.43, 2146.17, 15,
  1.21, 10977.08, 12, 2.83, 1748.02, 12, 3.26, 5088.63, 12, 5.27, 1194.45, 12, 2.08, 4694, 11, 0.77, 553.57, 10, 1.3, 6286.6, 10, 4.24,
  1349.87, 9, 2.7, 242.73, 9, 5.64, 951.72, 8, 5.3, 2352.87, 6, 2.65, 9437.76, 6, 4.67, 4690.48,
];
const L2 = [
  52919, 0, 0, 8720, 1.0721, 6283.0758, 309, 0.867, 12566.152, 27, 0.05, 3.52, 16, 5.19, 26.3, 16, 3.68, 155.42, 10, 0.76, 18849.23, 9,
  2.06, 77713.77, 7, 0.83, 775.52, 5, 4.66, 1577.34, 4, 1.03, 7.11, 4, 3.44, 5573.14, 3, 5.14, 796.3, 3, 6.05, 5507.55, 3, 1.19, 242.73, 3,
  6.12, 529.69, 3, 0.31, 398.15, 3, 2.28, 553.57, 2, 4.38, 5223.69, 2, 3.75, 0.98,
];
const L3 = [289, 5.844, 6283.076, 35, 0, 0, 17, 5.49, 12566.15, 3, 5.2, 155.42, 1, 4.72, 3.52, 1, 5.3, 18849.23, 1, 5.97, 242.73];
const L4 = [114, 3.142, 0, 8, 4.13, 6283.08, 1, 3.84, 12566.15];
const L5 = [1, 3.14, 0];
const SERIES = [L0, L1, L2, L3, L4, L5];

function seriesSum(terms: readonly number[], tau: number): number {
  let sum = 0;
  for (let i = 0; i < terms.length; i += 3) {
    sum += (terms[i] as number) * Math.cos((terms[i + 1] as number) + (terms[i + 2] as number) * tau);
  }
  return sum;
}

const DEG = Math.PI / 180;

export function normalizeDegrees(angle: number): number {
  const r = angle % 360;
  return r < 0 ? r + 360 : r;
}

/** Apparent geocentric ecliptic longitude of the Sun, degrees in [0, 360), for a JDE (TT). */
export function apparentSunLongitude(jde: number): number {
  const tau = (jde - 2451545) / 365250;
  let heliocentric = 0;
  let power = 1;
  for (const terms of SERIES) {
    heliocentric += seriesSum(terms, tau) * power;
    power *= tau;
  }
  const geometric = heliocentric / 1e8 / DEG + 180;

  const t = tau * 10;
  const moonNode = (125.04452 - 1934.136261 * t) * DEG;
  const sunMean = (280.4665 + 36000.7698 * t) * DEG;
  const moonMean = (218.3165 + 481267.8813 * t) * DEG;
  const nutationArcsec =
    -17.2 * Math.sin(moonNode) - 1.32 * Math.sin(2 * sunMean) - 0.23 * Math.sin(2 * moonMean) + 0.21 * Math.sin(2 * moonNode);
  // The radius vector only scales the 20.5″ aberration; its two main terms are plenty.
  const radius = 1.00013989 + 0.016707 * Math.cos(3.0984635 + 6283.07585 * tau) + 0.00013956 * Math.cos(3.05525 + 12566.1517 * tau);
  const fk5Arcsec = -0.09033;
  const aberrationArcsec = -20.4898 / radius;
  return normalizeDegrees(geometric + (fk5Arcsec + nutationArcsec + aberrationArcsec) / 3600);
}

const TROPICAL_YEAR_DAYS = 365.2422;

/**
 * The JDE (TT) at which the Sun's apparent longitude reaches `longitude` degrees, searched from
 * an estimate within a few days of the answer.
 */
export function solarLongitudeInstant(longitude: number, estimateJde: number): number {
  let jde = estimateJde;
  for (let i = 0; i < 20; i++) {
    let delta = normalizeDegrees(longitude - apparentSunLongitude(jde));
    if (delta > 180) delta -= 360;
    const step = (delta * TROPICAL_YEAR_DAYS) / 360;
    jde += step;
    if (Math.abs(step) < 1e-7) break;
  }
  return jde;
}
