import { formatCount } from './metrics.util';

/** The noun for a count: `recipient` for exactly 1, else the plural (`recipients`, or the one given: `people`). */
export function nounFor(n: number | null | undefined, singular: string, plural = `${singular}s`): string {
  return n === 1 ? singular : plural;
}

/** A count with its noun in the right number, grouped the workspace locale's way: `1 recipient`, `1,23,456 customers`. */
export function countOf(n: number | null | undefined, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${nounFor(n, singular, plural)}`;
}
