import { consentOnlyTightens } from '@mini-crm/contracts';
import type { CustomerValues } from './customer-wire';

export type DuplicatePolicyName = 'skip' | 'update' | 'merge';

const SCALARS = [
  'externalId',
  'email',
  'phone',
  'firstName',
  'lastName',
  'city',
  'country',
  'emailStatus',
  'smsStatus',
] as const;
type Scalar = (typeof SCALARS)[number];
/** Identifier fields: taking a new value must not collide with another customer's. */
export type IdentifierField = 'externalId' | 'email' | 'phone';

/** Says whether `target` may take `value` for an identifier; false keeps the old value (the caller reports it). */
export type IdentifierGuard = (field: IdentifierField, value: string) => boolean;

/**
 * Applies a duplicate row to the customer it duplicates, in place; true when anything changed.
 * `update`: the incoming row wins for each non-empty value (tags replaced when the row has some,
 * attributes merged key by key). `merge`: only empty fields are filled, tags are united, missing
 * attribute keys are added. Consent only tightens either way: an unsubscribed or blocklisted channel
 * is never re-subscribed by an import (that is an explicit consent action).
 */
export function applyDuplicate(
  target: CustomerValues,
  incoming: CustomerValues,
  policy: 'update' | 'merge',
  guard: IdentifierGuard,
): boolean {
  let changed = false;
  for (const field of SCALARS) {
    const value = incoming[field];
    if (value === null || value === target[field]) continue;
    if (policy === 'merge' && target[field] !== null) continue;
    if (
      (field === 'emailStatus' || field === 'smsStatus') &&
      !consentOnlyTightens(target[field] ?? 'subscribed', value)
    )
      continue;
    if (isIdentifier(field) && !guard(field, value)) continue;
    (target as Record<Scalar, string | null>)[field] = value;
    changed = true;
  }
  if (policy === 'update') {
    if (incoming.tags.length > 0 && !sameList(target.tags, incoming.tags)) {
      target.tags = [...incoming.tags];
      changed = true;
    }
  } else {
    for (const tag of incoming.tags) {
      if (!target.tags.includes(tag)) {
        target.tags = [...target.tags, tag];
        changed = true;
      }
    }
  }
  for (const [key, value] of Object.entries(incoming.attributes)) {
    const has = Object.prototype.hasOwnProperty.call(target.attributes, key);
    if (policy === 'merge' ? has : has && JSON.stringify(target.attributes[key]) === JSON.stringify(value)) continue;
    target.attributes = { ...target.attributes, [key]: value };
    changed = true;
  }
  return changed;
}

function isIdentifier(field: Scalar): field is IdentifierField {
  return field === 'externalId' || field === 'email' || field === 'phone';
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
