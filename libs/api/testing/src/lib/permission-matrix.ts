import { isPermission, rolesFor, type Permission, type Role } from '@mini-crm/contracts';

/** One operation of the OpenAPI document and the permission it publishes (`x-permission`). */
export interface MatrixOperation {
  method: string;
  path: string;
  operationId: string;
  permission?: string;
  /** `x-allow-pending`: a signed-in user waiting for approval may call it. */
  allowPending?: boolean;
  /** `x-people-only`: an API key is refused (403) whatever its role. */
  peopleOnly?: boolean;
}

export const FORGED_CALLERS = ['forged-signature', 'alg-none', 'expired'] as const;
/** API keys (never admin) as callers; `revoked-key` was revoked before the run. */
export const API_KEY_CALLERS = { 'viewer-key': 'viewer', 'marketer-key': 'marketer' } as const;
export type ApiKeyCaller = keyof typeof API_KEY_CALLERS;
/** `pending`: signed in as a viewer whose account waits for an admin's approval. */
export type Caller = 'anonymous' | (typeof FORGED_CALLERS)[number] | 'revoked-key' | Role | 'pending' | ApiKeyCaller;

function isApiKeyCaller(caller: Caller): caller is ApiKeyCaller {
  return Object.prototype.hasOwnProperty.call(API_KEY_CALLERS, caller);
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head'];

/** Every operation of an OpenAPI document. */
export function operationsOf(doc: { paths: Record<string, Record<string, unknown>> }): MatrixOperation[] {
  const ops: MatrixOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const o = op as {
        operationId?: string;
        'x-permission'?: string;
        'x-allow-pending'?: boolean;
        'x-people-only'?: boolean;
      };
      ops.push({
        method: method.toUpperCase(),
        path,
        operationId: o.operationId ?? `${method} ${path}`,
        permission: o['x-permission'],
        allowPending: o['x-allow-pending'] === true,
        ...(o['x-people-only'] === true ? { peopleOnly: true } : {}),
      });
    }
  }
  return ops;
}

/** What the permission table says `caller` gets on `op`; 'public' routes are not the guard's business. */
export function expectedAccess(op: MatrixOperation, caller: Caller): 'allowed' | 'denied' | 'public' {
  if (op.permission === 'public') return 'public';
  if (!isPermission(op.permission))
    throw new Error(`${op.method} ${op.path} (${op.operationId}) has no permission-table entry (x-permission)`);
  if (caller === 'admin' || caller === 'marketer' || caller === 'viewer')
    return rolesFor(op.permission as Permission).includes(caller) ? 'allowed' : 'denied';
  if (caller === 'pending')
    return op.allowPending && rolesFor(op.permission as Permission).includes('viewer') ? 'allowed' : 'denied';
  if (isApiKeyCaller(caller))
    return !op.peopleOnly && rolesFor(op.permission as Permission).includes(API_KEY_CALLERS[caller])
      ? 'allowed'
      : 'denied';
  return 'denied';
}

/**
 * A mismatch between an observed status and the table, or null. Denied must answer 401/403 (401 for a
 * caller without a valid token); allowed must get past the guard (anything but 401/403: a 400 or 404 for
 * the dummy input counts). A route without a table entry is always a mismatch.
 */
export function matrixMismatch(op: MatrixOperation, caller: Caller, status: number): string | null {
  let expected: ReturnType<typeof expectedAccess>;
  try {
    expected = expectedAccess(op, caller);
  } catch (e) {
    return (e as Error).message;
  }
  const label = `${op.method} ${op.path} as ${caller}: ${status}`;
  if (expected === 'public') return null;
  if (expected === 'allowed') return status === 401 || status === 403 ? `${label}, expected to pass the guard` : null;
  const isRole =
    caller === 'admin' ||
    caller === 'marketer' ||
    caller === 'viewer' ||
    caller === 'pending' ||
    isApiKeyCaller(caller);
  const want = isRole ? 403 : 401;
  return status === want ? null : `${label}, expected ${want}`;
}
