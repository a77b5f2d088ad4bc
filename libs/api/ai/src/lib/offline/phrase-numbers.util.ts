const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  once: 1,
  twice: 2,
  thrice: 3,
};

const AMOUNT_MULTIPLIERS: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  lakh: 1e5,
  lakhs: 1e5,
  lac: 1e5,
  lacs: 1e5,
  cr: 1e7,
  crore: 1e7,
  crores: 1e7,
  mn: 1e6,
  million: 1e6,
};

const UNIT_DAYS: Record<string, number> = {
  d: 1,
  day: 1,
  w: 7,
  wk: 7,
  week: 7,
  fortnight: 14,
  mo: 30,
  month: 30,
  y: 365,
  yr: 365,
  year: 365,
};

/** A count written as digits or a small number word (`3`, `three`, `twice`). */
export const COUNT_SOURCE = String.raw`(\d+|${Object.keys(NUMBER_WORDS)
  .filter((w) => w !== 'a' && w !== 'an')
  .join('|')})`;

/** A money amount: optional currency (₹, Rs, INR, $), digits with separators, optional k/lakh/crore. */
export const AMOUNT_SOURCE = String.raw`(?:₹|rs\.?|inr|\$|usd)?\s*(\d[\d,]*(?:\.\d+)?)\s*(${Object.keys(AMOUNT_MULTIPLIERS).join('|')})?(?![a-z])(?:\s*(?:rupees|rs|inr|dollars|bucks))?`;

/** A duration such as `3 months`, `30 days`, `a week`, `month` (one assumed). */
export const DURATION_SOURCE = String.raw`(?:(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|a|an)\s*)?(days?|d|weeks?|wks?|w|fortnights?|months?|mos?|years?|yrs?|y)(?![a-z])`;

export function parseCount(word: string): number {
  return /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS[word];
}

export function parseAmount(digits: string, multiplier?: string): number {
  const value = Number(digits.replace(/,/g, '')) * (multiplier ? AMOUNT_MULTIPLIERS[multiplier] : 1);
  return Math.round(value * 100) / 100;
}

/** Days in a duration; months count as 30 days and years as 365. */
export function parseDurationDays(count: string | undefined, unit: string): number {
  const n = count ? parseCount(count) : 1;
  const singular = unit.endsWith('s') && unit.length > 2 ? unit.slice(0, -1) : unit;
  return n * UNIT_DAYS[singular];
}
