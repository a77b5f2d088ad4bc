/** Per-customer purchase summaries, column-wise (1M customers stay a few typed arrays). */
export interface CustomerSummaries {
  ids: string[];
  /** Repeat purchase days (distinct order days − 1). */
  x: Float64Array;
  /** Days from the first to the last order day. */
  tx: Float64Array;
  /** Days from the first order day to today. */
  age: Float64Array;
  /** Days since the last order day. */
  recency: Float64Array;
  /** Orders and spend within the RFM window. */
  frequency: Float64Array;
  monetary: Float64Array;
  /** Average value of the repeat order days (0 without repeats); all orders' average. */
  repeatMean: Float64Array;
  orderMean: Float64Array;
}

type Column = Exclude<keyof CustomerSummaries, 'ids'>;
const COLUMNS: Column[] = ['x', 'tx', 'age', 'recency', 'frequency', 'monetary', 'repeatMean', 'orderMean'];

/** One summary row as the SQL pass answers it (numbers may arrive as strings: bigint, numeric). */
export type SummaryRow = Record<string, unknown>;

/** Appends summary rows as they stream in, growing the columns by doubling. */
export class CustomerSummariesBuilder {
  private n = 0;
  private readonly ids: string[] = [];
  private columns: Record<Column, Float64Array>;

  constructor(capacity = 1024) {
    this.columns = Object.fromEntries(COLUMNS.map((c) => [c, new Float64Array(capacity)])) as Record<
      Column,
      Float64Array
    >;
  }

  push(r: SummaryRow): void {
    if (this.n === this.columns.x.length) this.grow();
    const i = this.n++;
    const c = this.columns;
    const x = Number(r['x']);
    const total = Number(r['total']);
    this.ids.push(String(r['id']));
    c.x[i] = x;
    c.tx[i] = Number(r['tx']);
    c.age[i] = Number(r['age']);
    c.recency[i] = Number(r['recency']);
    c.frequency[i] = Number(r['frequency']);
    c.monetary[i] = Number(r['monetary']);
    c.repeatMean[i] = x > 0 ? (total - Number(r['first_amount'])) / x : 0;
    c.orderMean[i] = total / Math.max(1, Number(r['orders']));
  }

  /** The columns as views of the filled part (no copy: 1M customers would briefly need both). */
  finish(): CustomerSummaries {
    const n = this.n;
    const c = this.columns;
    return {
      ids: this.ids,
      x: c.x.subarray(0, n),
      tx: c.tx.subarray(0, n),
      age: c.age.subarray(0, n),
      recency: c.recency.subarray(0, n),
      frequency: c.frequency.subarray(0, n),
      monetary: c.monetary.subarray(0, n),
      repeatMean: c.repeatMean.subarray(0, n),
      orderMean: c.orderMean.subarray(0, n),
    };
  }

  private grow(): void {
    for (const name of COLUMNS) {
      const next = new Float64Array(this.columns[name].length * 2);
      next.set(this.columns[name]);
      this.columns[name] = next;
    }
  }
}
