import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REQUIRED_PRODUCTION_SECRETS } from './production-secrets';

// docker-compose.yml is read as text: `docker compose config` (tools/test/compose-config.mjs) runs only where
// Docker exists, which the build machines lack, so this is what proves the file's secrets in `npm test`.
const compose = readFileSync(join(__dirname, '../../../../../../docker-compose.yml'), 'utf8');
const lines = compose.split('\n').filter((l) => !/^\s*#/.test(l));
const SECRET_NAME = /(SECRET|PASSWORD|TOKEN|_KEY)$/;

describe('docker-compose.yml: no default secrets', () => {
  it('runs the app with NODE_ENV=production, so the API refuses missing, short or known secrets', () => {
    expect(compose).toMatch(/^\s+NODE_ENV: production$/m);
  });

  it('requires every production secret (VAR:?message: compose stops and names it)', () => {
    for (const name of [...REQUIRED_PRODUCTION_SECRETS, 'POSTGRES_PASSWORD', 'METRICS_TOKEN'])
      expect([name, compose.includes(`\${${name}:?`)]).toEqual([name, true]);
  });

  it('gives no secret a value of its own: required, or empty when optional (e.g. Google sign-in off)', () => {
    const assignments = lines
      .map((l) => /^\s+([A-Z][A-Z0-9_]*):\s*(.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null && SECRET_NAME.test(m[1]));
    expect(assignments.length).toBeGreaterThanOrEqual(8);
    const wrong = assignments
      .filter(([, name, value]) => {
        const ref = /^['"]?\$\{([A-Z0-9_]+)(:\?[^}]+|:-)?\}['"]?$/.exec(value.trim());
        return !ref || ref[1] !== name || ref[2] === undefined;
      })
      .map(([line]) => line.trim());
    expect(wrong).toEqual([]);
    // Nowhere else (e.g. inside a URL) does a secret reference carry a default.
    expect(compose.match(/\$\{[A-Z0-9_]*(SECRET|PASSWORD|TOKEN|_KEY):-[^}]+\}/g)).toBeNull();
  });
});
