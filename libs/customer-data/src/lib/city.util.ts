import { displayCase } from './display-case.util';
import { normalizeName } from './name.util';

/**
 * Former and alternative names → the current official one. Keys are lower case. Migration 0006 holds the same
 * pairs for rows imported before; a spec checks the two lists agree.
 */
export const CITY_ALIASES: Readonly<Record<string, string>> = {
  bombay: 'Mumbai',
  bangalore: 'Bengaluru',
  madras: 'Chennai',
  calcutta: 'Kolkata',
  poona: 'Pune',
  gurgaon: 'Gurugram',
  baroda: 'Vadodara',
  trivandrum: 'Thiruvananthapuram',
  cochin: 'Kochi',
  mysore: 'Mysuru',
  mangalore: 'Mangaluru',
  benares: 'Varanasi',
  banaras: 'Varanasi',
  pondicherry: 'Puducherry',
  'new bombay': 'Navi Mumbai',
  allahabad: 'Prayagraj',
  belgaum: 'Belagavi',
  hubli: 'Hubballi',
};

/** Trimmed, consistently cased city with aliases resolved (`BOMBAY` → `Mumbai`); null when empty. */
export function normalizeCity(input: string, aliases: Readonly<Record<string, string>> = CITY_ALIASES): string | null {
  const name = normalizeName(input);
  if (name === null) return null;
  return aliases[name.toLocaleLowerCase('en')] ?? displayCase(name);
}
