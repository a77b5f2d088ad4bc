import { isRole, WRITER_ROLES } from './roles';

describe('roles', () => {
  it('recognises only the three roles', () => {
    expect(isRole('admin')).toBe(true);
    expect(isRole('viewer')).toBe(true);
    expect(isRole('root')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
  it('viewers cannot write', () => {
    expect(WRITER_ROLES).not.toContain('viewer');
  });
});
