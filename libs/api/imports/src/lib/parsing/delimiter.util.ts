import type { CsvDelimiter } from './import.types';

const CANDIDATES: readonly CsvDelimiter[] = [',', ';', '\t'];
const MAX_RECORDS = 50;

/**
 * Picks the delimiter among comma, semicolon and tab from the first records of `text`, counting
 * only delimiters outside quoted fields. The winner is the candidate whose per-record count is
 * most often equal to its most common (non-zero) count; ties go to the higher count, then to the
 * order comma, semicolon, tab. Comma when nothing matches (a one-column file).
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = CANDIDATES.map(() => [] as number[]);
  let current = CANDIDATES.map(() => 0);
  let inQuotes = false;
  let fieldStart = true;
  let nonBlank = false;
  let records = 0;
  const endRecord = () => {
    if (nonBlank) {
      current.forEach((c, k) => counts[k].push(c));
      records++;
    }
    current = CANDIDATES.map(() => 0);
    nonBlank = false;
    fieldStart = true;
  };
  for (let i = 0; i < text.length && records < MAX_RECORDS; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      endRecord();
      continue;
    }
    const k = CANDIDATES.indexOf(ch as CsvDelimiter);
    if (k !== -1) {
      current[k]++;
      fieldStart = true;
      nonBlank = true;
      continue;
    }
    if (ch === '"' && fieldStart) inQuotes = true;
    if (ch !== ' ') nonBlank = true;
    fieldStart = false;
  }
  if (records < MAX_RECORDS && !inQuotes) endRecord();

  let best: CsvDelimiter = ',';
  let bestScore = [0, 0];
  CANDIDATES.forEach((candidate, k) => {
    const score = consistency(counts[k]);
    if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1])) {
      best = candidate;
      bestScore = score;
    }
  });
  return best;
}

/** [how many records have the modal count, the modal count], ignoring a modal count of zero. */
function consistency(counts: number[]): [number, number] {
  const freq = new Map<number, number>();
  for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
  let mode = 0;
  let modeFreq = 0;
  for (const [count, f] of freq) {
    if (f > modeFreq || (f === modeFreq && count > mode)) {
      mode = count;
      modeFreq = f;
    }
  }
  return [modeFreq, mode];
}
