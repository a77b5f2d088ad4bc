import { cachedFormat, displaySettings } from './display-settings';

/** `part / whole`, or null when there is no base to divide by. */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** A 0–1 rate as "12.3%" (whole numbers drop the decimal); "—" without a base. */
export function formatPercent(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  const pct = rate * 100;
  const rounded = Number(pct.toFixed(digits));
  return `${Number.isInteger(rounded) ? rounded : rounded.toFixed(digits)}%`;
}

/** A whole count grouped the workspace locale's way (`1,23,456` in en-IN); "—" for nothing. */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const locale = displaySettings().locale;
  return cachedFormat('count', () => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })).format(value);
}

export type ChangeDirection = 'up' | 'down' | 'flat';

export interface PeriodChange {
  direction: ChangeDirection;
  /** "▲ +12.5%", "▼ −3 pts", "— 0%"; "New" when the previous period had nothing. */
  text: string;
  /** Whether the change is good news (an unsubscribe increase is not). */
  good: boolean | null;
}

const MINUS = '\u2212';

function arrow(direction: ChangeDirection): string {
  return direction === 'up' ? '▲' : direction === 'down' ? '▼' : '—';
}

function judge(direction: ChangeDirection, higherIsBetter: boolean): boolean | null {
  if (direction === 'flat') return null;
  return (direction === 'up') === higherIsBetter;
}

/**
 * Change of a count against the previous period, as a relative percentage. Null when both periods
 * are empty (nothing to compare); "New" when only the current one has something.
 */
export function countChange(current: number, previous: number, higherIsBetter = true): PeriodChange | null {
  if (!current && !previous) return null;
  if (!previous) return { direction: 'up', text: '▲ New', good: higherIsBetter };
  const pct = ((current - previous) / previous) * 100;
  const rounded = Math.round(pct * 10) / 10;
  const direction: ChangeDirection = rounded > 0 ? 'up' : rounded < 0 ? 'down' : 'flat';
  const sign = rounded > 0 ? '+' : rounded < 0 ? MINUS : '';
  return {
    direction,
    text: `${arrow(direction)} ${sign}${Math.abs(rounded)}%`,
    good: judge(direction, higherIsBetter),
  };
}

/** Change of a 0–1 rate against the previous period, in percentage points. Null when either has no base. */
export function rateChange(
  current: number | null,
  previous: number | null,
  higherIsBetter = true,
): PeriodChange | null {
  if (current === null || previous === null) return null;
  const points = Math.round((current - previous) * 1000) / 10;
  const direction: ChangeDirection = points > 0 ? 'up' : points < 0 ? 'down' : 'flat';
  const sign = points > 0 ? '+' : points < 0 ? MINUS : '';
  return {
    direction,
    text: `${arrow(direction)} ${sign}${Math.abs(points)} ${Math.abs(points) === 1 ? 'pt' : 'pts'}`,
    good: judge(direction, higherIsBetter),
  };
}
