import type { AuditEntryDto } from '@mini-crm/contracts';
import { auditActor, formatAuditDiff } from './audit-format.util';

const entry = (over: Partial<AuditEntryDto>): AuditEntryDto => ({
  id: 'e1',
  action: 'user.role_changed',
  entity: 'user',
  at: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('formatAuditDiff', () => {
  it('shows a change as from → to', () => {
    expect(formatAuditDiff({ from: 'viewer', to: 'marketer' })).toBe('viewer → marketer');
    expect(formatAuditDiff({ from: true, to: false })).toBe('true → false');
  });

  it('appends other keys to a change', () => {
    expect(formatAuditDiff({ from: null, to: 'admin', reason: 'first user' })).toBe('— → admin, reason: first user');
  });

  it('lists plain keys and stringifies objects', () => {
    expect(formatAuditDiff({ method: 'dev' })).toBe('method: dev');
    expect(formatAuditDiff({ family: 'f1', meta: { a: 1 } })).toBe('family: f1, meta: {"a":1}');
  });

  it('is empty without a diff', () => {
    expect(formatAuditDiff(null)).toBe('');
    expect(formatAuditDiff(undefined)).toBe('');
    expect(formatAuditDiff({})).toBe('');
  });
});

describe('auditActor', () => {
  it('prefers the email, then the id, then System', () => {
    expect(auditActor(entry({ actorEmail: 'ada@example.com', actorId: 'u1' }))).toBe('ada@example.com');
    expect(auditActor(entry({ actorId: 'u1' }))).toBe('u1');
    expect(auditActor(entry({}))).toBe('System');
  });
});
