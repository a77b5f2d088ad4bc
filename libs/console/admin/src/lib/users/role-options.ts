import type { Role } from '@mini-crm/contracts';

export const ROLE_OPTIONS: readonly { value: Role; label: string }[] = [
  { value: 'admin', label: 'Admin' },
  { value: 'marketer', label: 'Marketer' },
  { value: 'viewer', label: 'Viewer' },
];
