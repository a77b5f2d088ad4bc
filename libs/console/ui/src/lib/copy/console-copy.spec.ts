import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every console source file (templates and TypeScript), without the specs. */
function consoleSources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules') consoleSources(path, out);
    } else if (/\.(html|ts)$/.test(name) && !/\.spec\.ts$/.test(name)) out.push(path);
  }
  return out;
}

const CONSOLE = join(__dirname, '..', '..', '..', '..');
const WORKSPACE = join(CONSOLE, '..', '..');

/** Words after "a" that start with a vowel letter but not a vowel sound, and template code (`@for (a of …)`). */
const A_BEFORE_VOWEL_OK = /^(of$|one|once|user|uni|usual|usab|usef|URL|UUID)/;

/** "a" before a vowel letter; "variant A" names an A/B variant, not the article. */
const A_BEFORE_VOWEL = /(?<![Vv]ariant )\b([Aa]) ([aeiouAEIOU][\w-]*)/g;

function slips(pattern: RegExp, allowed: RegExp): string[] {
  const found: string[] = [];
  for (const file of consoleSources(CONSOLE)) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        for (const m of line.matchAll(pattern))
          if (!allowed.test(m[2])) found.push(`${relative(WORKSPACE, file)}:${i + 1}: ${m[0]}`);
      });
  }
  return found;
}

describe('console copy', () => {
  it('says "an" before a vowel sound ("an order", never "a order")', () => {
    expect(slips(A_BEFORE_VOWEL, A_BEFORE_VOWEL_OK)).toEqual([]);
  });

  it('catches "a order" and "A order" but not "variant A is"', () => {
    const hits = (text: string) => [...text.matchAll(A_BEFORE_VOWEL)].map((m) => m[0]);
    expect(hits('Book a order. A order came in.')).toEqual(['a order', 'A order']);
    expect(hits('Variant A is the composer message; variant A is first.')).toEqual([]);
  });

  it('says "a" before a consonant sound ("a campaign", never "an campaign"; "an SMS" and "an hour" are right)', () => {
    expect(slips(/\b([Aa]n) ([bcdfgjklmnpqrstvwxyz][\w-]*)/g, /^(hour|hours|honest)$/)).toEqual([]);
  });
});
