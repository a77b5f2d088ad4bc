import gammaln from '@stdlib/math-base-special-gammaln';
import digamma from '@stdlib/math-base-special-digamma';
import type { BgNbdParams } from './bg-nbd';
import type { RepeatData } from './repeat-data';

const { log, exp, log1p } = Math;

/**
 * Compressed repeat data with every distinct repeat count and every distinct time (T or tx) stored
 * once: per evaluation the gamma terms cost one call per repeat count and log(α + t) one per time
 * (with whole days, a few thousand), leaving one exp and one log1p per row.
 */
export interface IndexedRepeatData {
  weight: Float64Array;
  x: Float64Array;
  xKey: Int32Array;
  xs: Float64Array;
  tKey: Int32Array;
  txKey: Int32Array;
  times: Float64Array;
}

export function indexRepeatData(data: RepeatData): IndexedRepeatData {
  const n = data.x.length;
  const xIndex = new Map<number, number>();
  const timeIndex = new Map<number, number>();
  const keyOf = (index: Map<number, number>, v: number) => {
    let k = index.get(v);
    if (k === undefined) index.set(v, (k = index.size));
    return k;
  };
  const out = {
    weight: data.weight,
    x: data.x,
    xKey: new Int32Array(n),
    tKey: new Int32Array(n),
    txKey: new Int32Array(n),
  };
  for (let i = 0; i < n; i++) {
    out.xKey[i] = keyOf(xIndex, data.x[i]);
    out.tKey[i] = keyOf(timeIndex, data.T[i]);
    out.txKey[i] = keyOf(timeIndex, data.tx[i]);
  }
  return { ...out, xs: Float64Array.from(xIndex.keys()), times: Float64Array.from(timeIndex.keys()) };
}

/** Total log-likelihood (FHL 2005 eq. 6) and its gradient in (r, α, a, b). */
export function bgNbdLogLikelihoodWithGradient(
  p: BgNbdParams,
  d: IndexedRepeatData,
): { value: number; gradient: [number, number, number, number] } {
  const { r, alpha, a, b } = p;
  const nx = d.xs.length;
  const head = new Float64Array(nx);
  const headR = new Float64Array(nx);
  const headA = new Float64Array(nx);
  const headB = new Float64Array(nx);
  const logBx = new Float64Array(nx);
  const invBx = new Float64Array(nx);
  const base = -gammaln(r) + r * log(alpha) + gammaln(a + b) - gammaln(b);
  const psiR = digamma(r);
  const psiAB = digamma(a + b);
  const psiB = digamma(b);
  for (let k = 0; k < nx; k++) {
    const x = d.xs[k];
    const psiABx = x > 0 ? digamma(a + b + x) : psiAB;
    head[k] = base + gammaln(r + x) + gammaln(b + x) - gammaln(a + b + x);
    headR[k] = (x > 0 ? digamma(r + x) : psiR) - psiR + log(alpha);
    headA[k] = psiAB - psiABx;
    headB[k] = psiAB - psiB + (x > 0 ? digamma(b + x) : psiB) - psiABx;
    logBx[k] = x > 0 ? log(b + x - 1) : 0;
    invBx[k] = x > 0 ? 1 / (b + x - 1) : 0;
  }
  const nt = d.times.length;
  const logT = new Float64Array(nt);
  const invT = new Float64Array(nt);
  for (let k = 0; k < nt; k++) {
    logT[k] = log(alpha + d.times[k]);
    invT[k] = 1 / (alpha + d.times[k]);
  }
  const logA = log(a);
  let value = 0;
  let gR = 0;
  let gAlpha = 0;
  let gA = 0;
  let gB = 0;
  let headWeight = 0;
  for (let i = 0; i < d.x.length; i++) {
    const w = d.weight[i];
    const x = d.x[i];
    const xk = d.xKey[i];
    const tk = d.tKey[i];
    const rx = r + x;
    const a3 = -rx * logT[tk];
    value += w * head[xk];
    gR += w * headR[xk];
    gA += w * headA[xk];
    gB += w * headB[xk];
    headWeight += w;
    if (x === 0) {
      value += w * a3;
      gR -= w * logT[tk];
      gAlpha -= w * rx * invT[tk];
      continue;
    }
    const sk = d.txKey[i];
    const a4 = logA - logBx[xk] - rx * logT[sk];
    // log(e^a3 + e^a4) and the two terms' shares of it.
    const e = exp(-Math.abs(a3 - a4));
    value += w * ((a3 > a4 ? a3 : a4) + log1p(e));
    const w3 = (a3 > a4 ? 1 : e) / (1 + e);
    const w4 = 1 - w3;
    gR -= w * (w3 * logT[tk] + w4 * logT[sk]);
    gAlpha -= w * rx * (w3 * invT[tk] + w4 * invT[sk]);
    gA += (w * w4) / a;
    gB -= w * w4 * invBx[xk];
  }
  return { value, gradient: [gR, gAlpha + (headWeight * r) / alpha, gA, gB] };
}
