import { CITY_ALIASES, displayCase, normalizeName } from '@mini-crm/customer-data';
import { CITY_NAME_MAX } from '@mini-crm/contracts';
import type { FieldIssue } from '@mini-crm/api/core';

/** The lookup key of an alias as typed: trimmed, spaces collapsed, lower case (`  New  BOMBAY ` → `new bombay`). */
export function cityAliasKey(raw: string): string {
  return (normalizeName(raw) ?? '').toLocaleLowerCase('en');
}

/**
 * Checks a new alias against the current aliases (built-in and admin); answers field issues, none when it can be
 * saved. Chains are refused both ways, so every alias resolves in one look-up: an alias may not be a city other
 * aliases lead to, and its city may not itself be an alias.
 */
export function cityAliasIssues(alias: string, city: string, current: Readonly<Record<string, string>>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!/\p{L}/u.test(alias)) issues.push({ path: 'alias', message: 'alias must contain a letter' });
  else if (alias.length > CITY_NAME_MAX)
    issues.push({ path: 'alias', message: `alias is too long (${CITY_NAME_MAX} characters at most)` });
  const cityKey = city.toLocaleLowerCase('en');
  if (issues.length === 0 && cityKey === alias)
    issues.push({ path: 'city', message: 'city is the alias itself; nothing would change' });
  const leadsHere = Object.entries(current).find(
    ([key, official]) => key !== alias && official.toLocaleLowerCase('en') === alias,
  );
  if (leadsHere)
    issues.push({
      path: 'alias',
      message: `"${displayCase(alias)}" is a city other aliases lead to (${leadsHere[0]})`,
    });
  const target = current[cityKey];
  if (target !== undefined && cityKey !== alias)
    issues.push({ path: 'city', message: `"${city}" is itself an alias of ${target}; use ${target}` });
  return issues;
}

export function isBuiltInCityAlias(alias: string): boolean {
  return Object.prototype.hasOwnProperty.call(CITY_ALIASES, alias);
}
