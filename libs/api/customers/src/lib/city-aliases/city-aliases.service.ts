import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { CITY_ALIASES, normalizeCity } from '@mini-crm/customer-data';
import type { CityAliasDto, CityAliasListDto, CityAliasSavedDto } from '@mini-crm/contracts';
import { withTransaction, type Database } from '@mini-crm/db';
import { AuditService, DB, type AuthUser } from '@mini-crm/api/core';
import { cityAliasIssues, cityAliasKey, isBuiltInCityAlias } from './city-alias-input.util';
import { CityAliasesRepository, type CityAliasRow } from './city-aliases.repository';

/**
 * City aliases: the built-in map (libs/customer-data) plus the ones admins add. Imports and the customers API
 * standardize cities with {@link aliasMap}; saving an alias also moves stored customers to the city at once.
 */
@Injectable()
export class CityAliasesService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: CityAliasesRepository,
    private readonly audit: AuditService,
  ) {}

  /** Lower-case alias → city, built-in and admin aliases together (plain data: it crosses into the parser thread). */
  async aliasMap(): Promise<Record<string, string>> {
    const map: Record<string, string> = { ...CITY_ALIASES };
    for (const row of await this.repo.list()) map[row.alias] = row.city;
    return map;
  }

  async list(): Promise<CityAliasListDto> {
    const builtIn: CityAliasDto[] = Object.entries(CITY_ALIASES).map(([alias, city]) => ({
      alias,
      city,
      builtIn: true,
      updatedAt: null,
    }));
    const custom = (await this.repo.list()).map(toDto);
    return { items: [...custom, ...builtIn.sort((a, b) => a.alias.localeCompare(b.alias))] };
  }

  async save(rawAlias: string, rawCity: string, actor: AuthUser): Promise<CityAliasSavedDto> {
    const alias = cityAliasKey(rawAlias);
    const city = normalizeCity(rawCity, {});
    if (alias === '') throw invalid([{ path: 'alias', message: 'alias is empty' }]);
    if (city === null) throw invalid([{ path: 'city', message: 'city is empty' }]);
    if (isBuiltInCityAlias(alias))
      throw new ConflictException(`"${alias}" is a built-in alias of ${CITY_ALIASES[alias]}; it cannot be changed`);
    const issues = cityAliasIssues(alias, city, await this.aliasMap());
    if (issues.length > 0) throw invalid(issues);
    return withTransaction(this.db, async (tx) => {
      const row = await this.repo.upsert({ alias, city, createdBy: actor.id }, tx);
      const customersUpdated = await this.repo.applyToCustomers(alias, city, tx);
      await this.audit.record(
        {
          actor,
          action: 'city_alias.saved',
          entity: 'city_alias',
          entityId: null,
          diff: { alias, city, customersUpdated },
        },
        tx,
      );
      return { ...toDto(row), customersUpdated };
    });
  }

  async remove(rawAlias: string, actor: AuthUser): Promise<void> {
    const alias = cityAliasKey(rawAlias);
    if (isBuiltInCityAlias(alias)) throw new ConflictException(`"${alias}" is a built-in alias; it cannot be removed`);
    await withTransaction(this.db, async (tx) => {
      const row = await this.repo.delete(alias, tx);
      if (!row) throw new NotFoundException(`No city alias "${alias}"`);
      await this.audit.record(
        { actor, action: 'city_alias.deleted', entity: 'city_alias', entityId: null, diff: { alias, city: row.city } },
        tx,
      );
    });
  }
}

function toDto(row: CityAliasRow): CityAliasDto {
  return { alias: row.alias, city: row.city, builtIn: false, updatedAt: row.updatedAt.toISOString() };
}

function invalid(details: { path: string; message: string }[]): BadRequestException {
  return new BadRequestException({ message: details.map((d) => d.message).join('; '), details });
}
