import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const RATE_COST_KEY = 'crm:rateCost';

/** What a call costs: a fixed number, or one computed from the parsed request (e.g. a batch's size). */
export type RateCostSpec = number | ((req: { body?: unknown; query?: unknown }) => number);

/**
 * Tokens a call takes from its caller's rate-limit bucket (default 1): bulk routes (batches, imports,
 * exports) cost more than a single read. Published as `x-rate-cost` in OpenAPI: the fixed cost, or
 * `maxCost` for a computed one.
 */
export const RateCost = (cost: RateCostSpec, maxCost = typeof cost === 'number' ? cost : 1) =>
  applyDecorators(SetMetadata(RATE_COST_KEY, cost), ApiExtension('x-rate-cost', maxCost));

/** The cost of a bulk call: a batch, an import, a CSV export. */
export const BULK_RATE_COST = 10;
