/**
 * True new moons after Meeus, "Astronomical Algorithms" (2nd ed.), chapter 49: the mean lunation
 * plus the periodic terms and the planetary arguments, within a few seconds of the modern
 * lunar theory over 1900–2100. A new moon's local date begins a lunar month.
 */

const DEG = Math.PI / 180;
export const SYNODIC_MONTH_DAYS = 29.530588861;
/** JDE of lunation 0, the new moon of 2000-01-06. */
const EPOCH_JDE = 2451550.09766;

/** JDE (TT) of the new moon with lunation number `k` (0 = January 2000, negative before). */
export function newMoonJde(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  const t4 = t3 * t;
  const mean = EPOCH_JDE + SYNODIC_MONTH_DAYS * k + 0.00015437 * t2 - 0.00000015 * t3 + 0.00000000073 * t4;

  // Eccentricity of the Earth's orbit scales the terms involving the Sun's anomaly.
  const e = 1 - 0.002516 * t - 0.0000074 * t2;
  const m = (2.5534 + 29.1053567 * k - 0.0000014 * t2 - 0.00000011 * t3) * DEG;
  const mp = (201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4) * DEG;
  const f = (160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4) * DEG;
  const node = (124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3) * DEG;
  const sin = Math.sin;

  const periodic =
    -0.4072 * sin(mp) +
    0.17241 * e * sin(m) +
    0.01608 * sin(2 * mp) +
    0.01039 * sin(2 * f) +
    0.00739 * e * sin(mp - m) -
    0.00514 * e * sin(mp + m) +
    0.00208 * e * e * sin(2 * m) -
    0.00111 * sin(mp - 2 * f) -
    0.00057 * sin(mp + 2 * f) +
    0.00056 * e * sin(2 * mp + m) -
    0.00042 * sin(3 * mp) +
    0.00042 * e * sin(m + 2 * f) +
    0.00038 * e * sin(m - 2 * f) -
    0.00024 * e * sin(2 * mp - m) -
    0.00017 * sin(node) -
    0.00007 * sin(mp + 2 * m) +
    0.00004 * sin(2 * mp - 2 * f) +
    0.00004 * sin(3 * m) +
    0.00003 * sin(mp + m - 2 * f) +
    0.00003 * sin(2 * mp + 2 * f) -
    0.00003 * sin(mp + m + 2 * f) +
    0.00003 * sin(mp - m + 2 * f) -
    0.00002 * sin(mp - m - 2 * f) -
    0.00002 * sin(3 * mp + m) +
    0.00002 * sin(4 * mp);

  const planetary =
    0.000325 * sin((299.77 + 0.107408 * k - 0.009173 * t2) * DEG) +
    0.000165 * sin((251.88 + 0.016321 * k) * DEG) +
    0.000164 * sin((251.83 + 26.651886 * k) * DEG) +
    0.000126 * sin((349.42 + 36.412478 * k) * DEG) +
    0.00011 * sin((84.66 + 18.206239 * k) * DEG) +
    0.000062 * sin((141.74 + 53.303771 * k) * DEG) +
    0.00006 * sin((207.14 + 2.453732 * k) * DEG) +
    0.000056 * sin((154.84 + 7.30686 * k) * DEG) +
    0.000047 * sin((34.52 + 27.261239 * k) * DEG) +
    0.000042 * sin((207.19 + 0.121824 * k) * DEG) +
    0.00004 * sin((291.34 + 1.844379 * k) * DEG) +
    0.000037 * sin((161.72 + 24.198154 * k) * DEG) +
    0.000035 * sin((239.56 + 25.513099 * k) * DEG) +
    0.000023 * sin((331.55 + 3.592518 * k) * DEG);

  return mean + periodic + planetary;
}

/** The lunation number whose mean new moon is nearest to a Julian day. */
export function lunationNear(jd: number): number {
  return Math.round((jd - EPOCH_JDE) / SYNODIC_MONTH_DAYS);
}
