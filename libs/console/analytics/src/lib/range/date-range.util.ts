export const RANGE_PRESETS = [7, 30, 90] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** A period as the API takes it: ISO instants, `to` exclusive. */
export interface DateRange {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

function startOfDay(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}

function addDays(d: Date, days: number): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + days);
}

/** The last `days` local calendar days, today included. */
export function presetRange(days: number, now = new Date()): DateRange {
  const to = addDays(startOfDay(now), 1);
  return { from: addDays(to, -days).toISOString(), to: to.toISOString() };
}

/** From the start of `first` to the end of `last` (local days, inclusive); null until both are picked. */
export function customRange(first: Date | null, last: Date | null): DateRange | null {
  if (!first || !last) return null;
  const [a, b] = first <= last ? [first, last] : [last, first];
  return { from: startOfDay(a).toISOString(), to: addDays(startOfDay(b), 1).toISOString() };
}

/** Whole days a range spans (for "vs previous N days"). */
export function rangeDays(range: DateRange): number {
  return Math.max(1, Math.round((Date.parse(range.to) - Date.parse(range.from)) / DAY_MS));
}
