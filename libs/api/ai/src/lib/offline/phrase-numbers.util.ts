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
  thirteen: 13,
  fourteen: 14,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  once: 1,
  twice: 2,
  thrice: 3,
};

const AMOUNT_MULTIPLIERS: Record<string, number> = {
  hundred: 1e2,
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
  mon: 30,
  month: 30,
  quarter: 91,
  y: 365,
  yr: 365,
  year: 365,
};

/** A count written as digits or a small number word (`3`, `three`, `twice`). */
export const COUNT_SOURCE = String.raw`(\d+|${Object.keys(NUMBER_WORDS)
  .filter((w) => w !== 'a' && w !== 'an')
  .join('|')})`;

const TENS_WORDS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const UNIT_WORDS = Object.keys(NUMBER_WORDS).filter(
  (w) => NUMBER_WORDS[w] < 20 && !/^(?:a|an|once|twice|thrice)$/.test(w),
);
const SMALL_WORD = String.raw`(?:(?:${TENS_WORDS.join('|')})(?:[- ](?:${UNIT_WORDS.filter((w) => NUMBER_WORDS[w] < 10).join('|')}))?|${UNIT_WORDS.join('|')}|a|an)`;
const MORE_WORD = SMALL_WORD.replace('|a|an)', ')');
const WORD_SCALES = 'hundred|thousand|lakhs?|lacs?|crores?|million';

/**
 * A money amount: optional currency (₹, Rs, INR, $), then digits with separators and an optional
 * k/lakh/crore, or words with a scale ("twenty thousand", "five lakh fifty thousand").
 * Groups: digits, multiplier, words.
 */
export const AMOUNT_SOURCE = String.raw`(?:₹|rs\.?|inr|\$|usd)?\s*(?:(\d[\d,]*(?:\.\d+)?)\s*(${Object.keys(AMOUNT_MULTIPLIERS).join('|')})?|(${SMALL_WORD}(?:\s+(?:${WORD_SCALES}))+(?:\s+${MORE_WORD}(?:\s+(?:${WORD_SCALES}))?)*))(?![a-z])(?:\s*(?:rupees|rs|inr|dollars|bucks))?`;

/** Reads "twenty thousand", "five lakh fifty thousand", "one hundred twenty-five". */
export function parseWordNumber(words: string): number {
  let total = 0;
  let current = 0;
  for (const word of words.replace(/-/g, ' ').split(/\s+/)) {
    const scale = AMOUNT_MULTIPLIERS[word];
    if (scale === 100) current = (current || 1) * 100;
    else if (scale) {
      total += (current || 1) * scale;
      current = 0;
    } else current += NUMBER_WORDS[word] ?? 0;
  }
  return total + current;
}

/** A duration such as `3 months`, `30 days`, `a week`, `month` (one assumed). */
export const DURATION_SOURCE = String.raw`(?:(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|a|an)\s*)?(days?|d|weeks?|wks?|w|fortnights?|months?|mos?|quarters?|years?|yrs?|y)(?![a-z])`;

export function parseCount(word: string): number {
  return /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS[word];
}

/** The amount of an AMOUNT_SOURCE match: its digits and multiplier, or its words. */
export function parseAmount(digits: string | undefined, multiplier?: string, words?: string): number {
  if (digits === undefined) return parseWordNumber(words ?? '');
  const value = Number(digits.replace(/,/g, '')) * (multiplier ? AMOUNT_MULTIPLIERS[multiplier] : 1);
  return Math.round(value * 100) / 100;
}

/** Days in a duration; months count as 30 days and years as 365. */
export function parseDurationDays(count: string | undefined, unit: string): number {
  const n = count ? parseCount(count) : 1;
  const singular = unit.endsWith('s') && unit.length > 2 ? unit.slice(0, -1) : unit;
  return n * UNIT_DAYS[singular];
}
