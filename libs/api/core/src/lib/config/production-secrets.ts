type Env = Record<string, string | undefined>;

/** Secrets a production process must be given (docker-compose requires each with `${VAR:?…}`). */
export const REQUIRED_PRODUCTION_SECRETS = [
  'JWT_SECRET',
  'VENDOR_WEBHOOK_SECRET',
  'SUPPRESSION_SECRET',
  'WEBHOOK_ENCRYPTION_KEY',
] as const;

/** Secrets that, when set, must not be a published value either. */
const OPTIONAL_SECRETS = ['TRACKING_SECRET'] as const;

/**
 * Values that appear in this repository, its docs or common examples: a deployment using one is as
 * good as unauthenticated. Compared case-insensitively.
 */
const KNOWN_DEFAULTS = new Set([
  'dev-vendor-secret',
  'dev-suppression-secret-not-for-production',
  'change-me-vendor-secret',
  'secret',
  'changeme',
  'change-me',
  'password',
  'crm',
  'test',
]);

function isKnownDefault(value: string): boolean {
  const v = value.toLowerCase();
  return KNOWN_DEFAULTS.has(v) || v.startsWith('change-me') || v.startsWith('changeme') || /^(.)\1*$/.test(v);
}

/**
 * Every problem with the secrets of a production environment, each naming its variable (empty when
 * all is well). Missing, too short (< 32 characters) or a known default value.
 */
export function productionSecretProblems(env: Env): string[] {
  const problems: string[] = [];
  const check = (name: string, required: boolean) => {
    const value = env[name]?.trim();
    if (!value) {
      if (required) problems.push(`${name} is required when NODE_ENV=production`);
      return;
    }
    if (isKnownDefault(value)) problems.push(`${name} is a known default value; set a random secret`);
    else if (value.length < 32) problems.push(`${name} must be at least 32 characters`);
  };
  for (const name of REQUIRED_PRODUCTION_SECRETS) check(name, true);
  for (const name of OPTIONAL_SECRETS) check(name, false);
  return problems;
}
