import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { can, isPermission, PERMISSION_NAMES, PERMISSIONS, permissionsMarkdownTable } from './permissions';
import { maskEmail, maskPhone } from './mask-contact';

describe('permission table', () => {
  it('README shows the table the guard uses (regenerate with permissionsMarkdownTable())', () => {
    const readme = readFileSync(join(__dirname, '../../../../../README.md'), 'utf8');
    const m = /<!-- permissions:start -->\n([\s\S]*?)\n<!-- permissions:end -->/.exec(readme);
    expect(m?.[1]).toBe(permissionsMarkdownTable());
  });

  it('viewers read but never write, export or see contact details; admin alone manages users and settings', () => {
    expect(PERMISSION_NAMES.filter((name) => can('viewer', name))).toEqual([
      'profile.read',
      'customers.read',
      'imports.read',
      'segments.read',
      'campaigns.read',
      'analytics.read',
      'insights.read',
      'settings.read',
    ]);
    expect(can('viewer', 'customers.contact')).toBe(false);
    expect(can('marketer', 'customers.contact')).toBe(true);
    expect(can('marketer', 'data.export')).toBe(true);
    expect(can('marketer', 'users.manage')).toBe(false);
    expect(can('marketer', 'settings.manage')).toBe(false);
    expect(can('admin', 'users.manage')).toBe(true);
    expect(PERMISSIONS['audit.read'].roles).toEqual(['admin']);
  });

  it('unknown roles and actions may do nothing', () => {
    expect(can('pending', 'customers.read')).toBe(false);
    expect(can(undefined, 'customers.read')).toBe(false);
    expect(can('admin', 'customers.nuke' as never)).toBe(false);
    expect(isPermission('toString')).toBe(false);
  });
});

describe('contact masking', () => {
  it('keeps the first letter and the domain of an email', () => {
    expect(maskEmail('alice@example.com')).toBe('a***@example.com');
    expect(maskEmail('no-at-sign')).toBe('***');
  });

  it('keeps the country code and the last four digits of a phone', () => {
    expect(maskPhone('+919876541234')).toBe('+91******1234');
    expect(maskPhone('+14155550123')).toBe('+1******0123');
    expect(maskPhone('123')).toBe('***');
  });
});
