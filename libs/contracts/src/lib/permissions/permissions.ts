import { ROLES, type Role } from '../roles';

const ALL: readonly Role[] = ['admin', 'marketer', 'viewer'];
const WRITERS: readonly Role[] = ['admin', 'marketer'];
const ADMIN: readonly Role[] = ['admin'];

/**
 * The one permission table (action → roles that may do it). The API guard reads it through `@Can(action)`,
 * the OpenAPI document publishes it as `x-permission`, README's table is generated from it.
 */
export const PERMISSIONS = {
  'profile.read': { roles: ALL, description: 'Read one’s own account; open live streams' },
  'customers.read': { roles: ALL, description: 'List and read customers, orders, messages, engagement' },
  'customers.contact': { roles: WRITERS, description: 'See contact details unmasked (viewers get a***@example.com)' },
  'customers.write': { roles: WRITERS, description: 'Create, edit, delete customers; orders, visits, consent' },
  'imports.read': { roles: ALL, description: 'List imports and follow their progress' },
  'imports.run': { roles: WRITERS, description: 'Upload, preview and cancel CSV imports' },
  'segments.read': { roles: ALL, description: 'List, read and preview segments and their fields' },
  'segments.write': { roles: WRITERS, description: 'Create, edit, archive, delete segments' },
  'campaigns.read': { roles: ALL, description: 'List, read and preview campaigns, stats, message log' },
  'campaigns.write': {
    roles: WRITERS,
    description: 'Create, edit, duplicate, delete campaign drafts; send a test of a message to typed addresses',
  },
  'campaigns.launch': { roles: WRITERS, description: 'Launch, pause, resume, cancel, retry campaigns' },
  'data.export': {
    roles: WRITERS,
    description: 'Download personal data in bulk (segment CSV, recipients CSV, import error report); audited',
  },
  'ai.use': { roles: WRITERS, description: 'Draft messages and segment rules with AI' },
  'analytics.read': { roles: ALL, description: 'Read analytics (aggregates)' },
  'insights.read': { roles: ALL, description: 'Read the customer model (BG/NBD, Gamma-Gamma) and its runs' },
  'insights.recompute': { roles: WRITERS, description: 'Start a customer-model run (scores every customer)' },
  'settings.read': { roles: ALL, description: 'Read workspace settings (sending hours, consent defaults)' },
  'settings.manage': { roles: ADMIN, description: 'Change workspace settings, city aliases, consent defaults' },
  'customers.erase': { roles: ADMIN, description: 'Erase a customer’s personal data (data-subject request)' },
  'suppressions.manage': { roles: ADMIN, description: 'Read and change the global suppression list' },
  'delivery.monitor': { roles: ADMIN, description: 'Read delivery counters' },
  'webhooks.manage': {
    roles: ADMIN,
    description: 'Subscribe, change and delete outgoing webhook endpoints; rotate secrets; read delivery logs',
  },
  'users.manage': {
    roles: ADMIN,
    description: 'List users, change roles, approve sign-ups, invite, activate and deactivate',
  },
  'audit.read': { roles: ADMIN, description: 'Read the audit log' },
  'apikeys.manage': {
    roles: ADMIN,
    description: 'Create, list and revoke API keys (a key acts as viewer or marketer, never admin)',
  },
} as const satisfies Record<string, { roles: readonly Role[]; description: string }>;

export type Permission = keyof typeof PERMISSIONS;

export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PERMISSIONS, value);
}

/** Whether `role` may do `action`; unknown roles or actions may do nothing. */
export function can(role: Role | string | null | undefined, action: Permission): boolean {
  if (!isPermission(action)) return false;
  return (PERMISSIONS[action].roles as readonly string[]).includes(String(role));
}

/** The roles allowed `action` (empty for an unknown action). */
export function rolesFor(action: Permission): readonly Role[] {
  return isPermission(action) ? PERMISSIONS[action].roles : [];
}

/** README's permission table (between `<!-- permissions:start -->` and `<!-- permissions:end -->`). */
export function permissionsMarkdownTable(): string {
  const header = `| Action | ${ROLES.join(' | ')} | What it allows |`;
  const rule = `| --- | ${ROLES.map(() => ':-:').join(' | ')} | --- |`;
  const rows = PERMISSION_NAMES.map((name) => {
    const p = PERMISSIONS[name];
    const cells = ROLES.map((r) => ((p.roles as readonly Role[]).includes(r) ? '✓' : '—'));
    return `| \`${name}\` | ${cells.join(' | ')} | ${p.description} |`;
  });
  return [header, rule, ...rows].join('\n');
}
