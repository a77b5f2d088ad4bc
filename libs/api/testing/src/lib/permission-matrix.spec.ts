import { expectedAccess, matrixMismatch, operationsOf, type MatrixOperation } from './permission-matrix';

describe('permission matrix comparator', () => {
  const listed: MatrixOperation = {
    method: 'GET',
    path: '/api/customers',
    operationId: 'x',
    permission: 'customers.read',
  };
  const adminOnly: MatrixOperation = {
    method: 'GET',
    path: '/api/users',
    operationId: 'y',
    permission: 'users.manage',
  };

  it('a route without a table entry fails for every caller', () => {
    const unlisted: MatrixOperation = { method: 'POST', path: '/api/new-thing', operationId: 'New_create' };
    for (const caller of ['anonymous', 'viewer', 'admin'] as const)
      expect(matrixMismatch(unlisted, caller, 201)).toMatch(/POST \/api\/new-thing .* has no permission-table entry/);
    const unknown = { ...unlisted, permission: 'things.write' };
    expect(() => expectedAccess(unknown, 'admin')).toThrow(/no permission-table entry/);
  });

  it('denied callers must get 401 (no valid token) or 403 (role)', () => {
    expect(matrixMismatch(listed, 'anonymous', 401)).toBeNull();
    expect(matrixMismatch(listed, 'alg-none', 200)).toMatch(/expected 401/);
    expect(matrixMismatch(adminOnly, 'marketer', 403)).toBeNull();
    expect(matrixMismatch(adminOnly, 'viewer', 200)).toMatch(/expected 403/);
    expect(matrixMismatch(adminOnly, 'viewer', 404)).toMatch(/expected 403/);
  });

  it('allowed callers pass the guard: validation and not-found count, 401/403 do not', () => {
    expect(matrixMismatch(listed, 'viewer', 400)).toBeNull();
    expect(matrixMismatch(adminOnly, 'admin', 404)).toBeNull();
    expect(matrixMismatch(listed, 'viewer', 403)).toMatch(/expected to pass the guard/);
  });

  it('a pending user passes only routes published with x-allow-pending, and is refused 403 elsewhere', () => {
    const me: MatrixOperation = { ...listed, path: '/api/auth/me', permission: 'profile.read', allowPending: true };
    expect(matrixMismatch(me, 'pending', 200)).toBeNull();
    expect(matrixMismatch(me, 'pending', 403)).toMatch(/expected to pass the guard/);
    expect(matrixMismatch(listed, 'pending', 403)).toBeNull();
    expect(matrixMismatch(listed, 'pending', 200)).toMatch(/expected 403/);
    expect(matrixMismatch({ ...adminOnly, allowPending: true }, 'pending', 403)).toBeNull();
  });

  it('an API key passes where its role may go, except people-only routes; a revoked key gets 401', () => {
    const me: MatrixOperation = { ...listed, path: '/api/auth/me', permission: 'profile.read', peopleOnly: true };
    const write: MatrixOperation = { ...listed, method: 'POST', permission: 'customers.write' };
    expect(matrixMismatch(listed, 'viewer-key', 200)).toBeNull();
    expect(matrixMismatch(write, 'viewer-key', 403)).toBeNull();
    expect(matrixMismatch(write, 'marketer-key', 400)).toBeNull();
    expect(matrixMismatch(write, 'marketer-key', 403)).toMatch(/expected to pass the guard/);
    expect(matrixMismatch(adminOnly, 'marketer-key', 403)).toBeNull();
    expect(matrixMismatch(me, 'marketer-key', 403)).toBeNull();
    expect(matrixMismatch(me, 'marketer-key', 200)).toMatch(/expected 403/);
    expect(matrixMismatch(me, 'viewer', 200)).toBeNull();
    expect(matrixMismatch(listed, 'revoked-key', 403)).toMatch(/expected 401/);
    expect(matrixMismatch(listed, 'revoked-key', 401)).toBeNull();
  });

  it('reads operations and their x-permission from an OpenAPI document', () => {
    const ops = operationsOf({
      paths: {
        '/api/a/{id}': { get: { operationId: 'A_get', 'x-permission': 'customers.read' }, parameters: [] },
        '/r/{code}': { head: { operationId: 'T', 'x-permission': 'public' } },
        '/api/me': { get: { operationId: 'Me', 'x-permission': 'profile.read', 'x-people-only': true } },
      },
    });
    expect(ops).toEqual([
      { method: 'GET', path: '/api/a/{id}', operationId: 'A_get', permission: 'customers.read', allowPending: false },
      { method: 'HEAD', path: '/r/{code}', operationId: 'T', permission: 'public', allowPending: false },
      {
        method: 'GET',
        path: '/api/me',
        operationId: 'Me',
        permission: 'profile.read',
        allowPending: false,
        peopleOnly: true,
      },
    ]);
    expect(expectedAccess(ops[1], 'anonymous')).toBe('public');
  });
});
