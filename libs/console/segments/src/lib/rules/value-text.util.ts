/** Parses what a person types: `5,000` and ` 12.5 ` are numbers, an empty box is null, junk is NaN. */
export function parseNumberText(text: string): number | null {
  const t = text.replace(/[,\s₹]/g, '');
  if (t === '') return null;
  return /^-?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : Number.NaN;
}

/** `Date` → `YYYY-MM-DD` of the calendar day the person picked (local time, no shift to UTC). */
export function toIsoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `YYYY-MM-DD…` → a local `Date` on that calendar day, for the date picker; null when unreadable. */
export function fromIsoDay(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(d.getTime()) ? null : d;
}
