/**
 * Per-customer repeat-purchase summaries, column-wise (1M customers fit in a few typed arrays):
 * `x` repeat purchase days (the first purchase day not counted), `tx` time of the last repeat purchase
 * since the first, `T` age since the first purchase, all in one time unit. `weight` counts identical
 * rows folded together (see `compressRepeatData`).
 */
export interface RepeatData {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  weight: Float64Array;
}

export interface RepeatRow {
  x: number;
  tx: number;
  T: number;
}

export function repeatDataFromRows(rows: readonly RepeatRow[]): RepeatData {
  const n = rows.length;
  const data: RepeatData = {
    x: new Float64Array(n),
    tx: new Float64Array(n),
    T: new Float64Array(n),
    weight: new Float64Array(n).fill(1),
  };
  rows.forEach((row, i) => {
    data.x[i] = row.x;
    data.tx[i] = row.tx;
    data.T[i] = row.T;
  });
  return data;
}

/** Folds identical (x, tx, T) rows into one weighted row: with whole days most customers share a row. */
export function compressRepeatData(data: RepeatData): RepeatData {
  const index = new Map<string, number>();
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < data.x.length; i++) {
    const key = `${data.x[i]}|${data.tx[i]}|${data.T[i]}`;
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, x.length);
      x.push(data.x[i]);
      tx.push(data.tx[i]);
      T.push(data.T[i]);
      weight.push(data.weight[i]);
    } else {
      weight[at] += data.weight[i];
    }
  }
  return {
    x: Float64Array.from(x),
    tx: Float64Array.from(tx),
    T: Float64Array.from(T),
    weight: Float64Array.from(weight),
  };
}

/** Rows that break the model's assumptions, described for a fit error. */
export function invalidRepeatRow(data: RepeatData): string | null {
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i];
    const tx = data.tx[i];
    const T = data.T[i];
    if (!Number.isInteger(x) || x < 0) return `row ${i}: repeat count ${x} is not a whole number ≥ 0`;
    if (!(tx >= 0) || !(T >= tx)) return `row ${i}: needs 0 ≤ last repeat (${tx}) ≤ age (${T})`;
    if (x === 0 && tx !== 0) return `row ${i}: no repeat purchase but a last repeat at ${tx}`;
    if (x > 0 && tx === 0) return `row ${i}: ${x} repeat purchases but none after the first`;
  }
  return null;
}
