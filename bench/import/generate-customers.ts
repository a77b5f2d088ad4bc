import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** What a generated file should import as. */
export interface GeneratedFile {
  rows: number;
  invalid: number;
  duplicates: number;
  bytes: number;
}

/** 32-bit integer hash (deterministic per index: the file is the same on every run). */
function hash(n: number, seed: number): number {
  let h = (n ^ seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

const FIRST = [
  'Aarav',
  'Priya',
  'Rohan',
  'Ananya',
  'Vikram',
  'Isha',
  'Kabir',
  'Meera',
  'Arjun',
  'Sara',
  'John',
  'Maria',
];
const LAST = ['Sharma', 'Verma', 'Iyer', 'Reddy', 'Khan', 'Das', 'Patel', 'Nair', 'Smith', 'Garcia'];
const CITIES = ['Mumbai', 'Delhi', ' Bengaluru', 'Pune ', 'Chennai', 'Kolkata', 'Hyderabad', 'Jaipur'];
const TAGS = ['vip', 'new;promo', 'VIP|Gold', '', 'wholesale', 'churn-risk'];
const TIERS = ['gold', 'silver', 'bronze', ''];

type Kind = 'normal' | 'invalid' | 'duplicate';

function kindOf(i: number, seed: number): Kind {
  if (i < 100) return 'normal';
  const k = hash(i, seed) % 1000;
  return k < 20 ? 'invalid' : k < 30 ? 'duplicate' : 'normal';
}

/** Phone of row i in one of several local and international spellings (unique per row). */
function phoneOf(i: number, seed: number): { phone: string; country: string } {
  const style = hash(i, seed ^ 0x9e3779b9) % 8;
  if (style === 7) {
    const d = String(2000000 + i).padStart(7, '0');
    return { phone: `(415) ${d.slice(0, 3)}-${d.slice(3)}`, country: 'US' };
  }
  const n = String(9000000000 + i);
  const country = style % 2 === 0 ? 'IN' : 'india';
  switch (style) {
    case 0:
      return { phone: `+91 ${n.slice(0, 5)}-${n.slice(5)}`, country };
    case 1:
      return { phone: `0${n.slice(0, 5)} ${n.slice(5)}`, country };
    case 2:
      return { phone: n, country };
    case 3:
      return { phone: `+91-${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`, country };
    case 4:
      return { phone: `0091 ${n}`, country };
    default:
      return { phone: `(+91) ${n.slice(0, 5)} ${n.slice(5)}`, country };
  }
}

/**
 * Writes a deterministic customers CSV: ~2 % invalid rows (no usable email, phone or external
 * id), ~1 % duplicates of an earlier row (same external id), mixed phone formats, CRLF.
 */
export async function generateCustomersCsv(path: string, rows: number, seed = 20260401): Promise<GeneratedFile> {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  let bytes = 0;
  let invalid = 0;
  let duplicates = 0;
  let chunk = 'external_id,first_name,last_name,email,phone,city,country,tags,loyalty_tier\r\n';
  for (let i = 0; i < rows; i++) {
    const h = hash(i, seed);
    const first = FIRST[h % FIRST.length];
    const last = LAST[(h >>> 8) % LAST.length];
    const city = CITIES[(h >>> 12) % CITIES.length];
    const tags = TAGS[(h >>> 16) % TAGS.length];
    const tier = TIERS[(h >>> 20) % TIERS.length];
    const kind = kindOf(i, seed);
    let line: string;
    if (kind === 'invalid') {
      invalid++;
      line = `,${first},${last},${first.toLowerCase()}.${i}@invalid,12345,${city},IN,${tags},${tier}`;
    } else if (kind === 'duplicate') {
      duplicates++;
      let j = hash(i, seed ^ 0x5bd1e995) % i;
      while (kindOf(j, seed) !== 'normal') j--;
      line = `C${j},${first},${last},,,${city},IN,${tags},${tier}`;
    } else {
      const { phone, country } = phoneOf(i, seed);
      const email = h % 5 === 0 ? ` ${first}.${last}.${i}@Example.COM ` : `${first.toLowerCase()}.${i}@example.com`;
      line = `C${i},${h % 7 === 0 ? `"  ${first} "` : first},${last},${email},${phone},${city},${country},${tags.includes(';') ? `"${tags}"` : tags},${tier}`;
    }
    chunk += line + '\r\n';
    if (chunk.length > 1 << 20) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  bytes += Buffer.byteLength(chunk);
  out.end(chunk);
  await once(out, 'finish');
  return { rows, invalid, duplicates, bytes };
}
