const LETTER = /\p{L}/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/**
 * Consistent case for display values typed in one case: `pune`, `PUNE` → `Pune`; `MARY-ANN O'NEIL` →
 * `Mary-Ann O'Neil`. Each run of letters and digits starts upper case and continues lower case (the rule of
 * PostgreSQL's `initcap`, which migration 0006 applied to existing rows). Mixed case is the writer's choice and
 * stays (`McDonald`, `iPhone`).
 */
export function displayCase(text: string): string {
  if (!LETTER.test(text)) return text;
  const lower = text.toLocaleLowerCase('en');
  if (text !== lower && text !== text.toLocaleUpperCase('en')) return text;
  let out = '';
  let inWord = false;
  for (const ch of lower) {
    out += inWord ? ch : ch.toLocaleUpperCase('en');
    inWord = WORD_CHAR.test(ch);
  }
  return out;
}
