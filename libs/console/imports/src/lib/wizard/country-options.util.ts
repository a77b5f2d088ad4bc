/** Countries offered for phone numbers without a prefix; the deployment's usual market first. */
const CODES = [
  'IN',
  'AE',
  'AU',
  'BD',
  'BH',
  'BR',
  'CA',
  'CN',
  'DE',
  'ES',
  'FR',
  'GB',
  'HK',
  'ID',
  'IE',
  'IT',
  'JP',
  'KE',
  'KW',
  'LK',
  'MX',
  'MY',
  'NG',
  'NL',
  'NP',
  'NZ',
  'OM',
  'PH',
  'PK',
  'QA',
  'SA',
  'SG',
  'TH',
  'US',
  'ZA',
];

export interface CountryOption {
  code: string;
  name: string;
}

export function countryOptions(first = 'IN'): CountryOption[] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames(['en'], { type: 'region' });
  } catch {
    names = null;
  }
  const all = CODES.map((code) => ({ code, name: names?.of(code) ?? code }));
  const head = all.filter((c) => c.code === first);
  return [...head, ...all.filter((c) => c.code !== first).sort((a, b) => a.name.localeCompare(b.name))];
}
