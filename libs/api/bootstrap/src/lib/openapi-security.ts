import type { OpenAPIObject } from '@nestjs/swagger';
import { API_KEY_ROLES, isPermission, rolesFor } from '@mini-crm/contracts';

/** People: a bearer JWT from the sign-in. */
export const PERSON_SCHEME = 'bearer';
/** Machines: an API key in `X-API-Key`, or as `Authorization: Bearer mcrm_…`. */
export const API_KEY_SCHEME = 'apiKey';
export const API_KEY_BEARER_SCHEME = 'apiKeyBearer';

export const SECURITY_SCHEMES = {
  [PERSON_SCHEME]: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A person’s access token' },
  [API_KEY_SCHEME]: {
    type: 'apiKey',
    in: 'header',
    name: 'X-API-Key',
    description: 'An API key (`mcrm_<prefix>_<secret>`, Admin › API keys); acts as viewer or marketer',
  },
  [API_KEY_BEARER_SCHEME]: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'mcrm_<prefix>_<secret>',
    description: 'The same API key sent as `Authorization: Bearer <key>`',
  },
} as const;

type Operation = { security?: Record<string, string[]>[]; 'x-permission'?: string; 'x-people-only'?: boolean };

/**
 * Every operation lists the credentials it accepts: none for public ones (`@Public()` ⇒ `@ApiSecurity({})`
 * or `x-permission: public`); a person's JWT for the rest; and an API key too where a key's role
 * (viewer, marketer) may pass and the route is not @PeopleOnly().
 */
export function declareSecurity(doc: OpenAPIObject): void {
  doc.components = { ...doc.components, securitySchemes: { ...SECURITY_SCHEMES } };
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item as Record<string, Operation>)) {
      if (!op || typeof op !== 'object') continue;
      const permission = op['x-permission'];
      const isPublic =
        permission === 'public' || (Array.isArray(op.security) && op.security.some((s) => Object.keys(s).length === 0));
      if (isPublic) op.security = [];
      else if (acceptsApiKey(permission, op['x-people-only'] === true))
        op.security = [{ [PERSON_SCHEME]: [] }, { [API_KEY_SCHEME]: [] }, { [API_KEY_BEARER_SCHEME]: [] }];
      else op.security = [{ [PERSON_SCHEME]: [] }];
    }
  }
}

function acceptsApiKey(permission: string | undefined, peopleOnly: boolean): boolean {
  if (peopleOnly || !isPermission(permission)) return false;
  return rolesFor(permission).some((r) => (API_KEY_ROLES as readonly string[]).includes(r));
}
