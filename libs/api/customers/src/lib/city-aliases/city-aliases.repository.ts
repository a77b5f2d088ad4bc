import { Inject, Injectable } from '@nestjs/common';
import { asc, eq, sql } from 'drizzle-orm';
import { affectedOf, cityAliases, type Database, type DbOrTx } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';

export type CityAliasRow = typeof cityAliases.$inferSelect;

/** The admin-defined city aliases (city_aliases) and the set-based fix of stored customers' cities. */
@Injectable()
export class CityAliasesRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  list(tx: DbOrTx = this.db): Promise<CityAliasRow[]> {
    return tx.select().from(cityAliases).orderBy(asc(cityAliases.alias));
  }

  async upsert(values: { alias: string; city: string; createdBy: string | null }, tx: DbOrTx): Promise<CityAliasRow> {
    const [row] = await tx
      .insert(cityAliases)
      .values({ ...values, updatedAt: new Date() })
      .onConflictDoUpdate({ target: cityAliases.alias, set: { city: values.city, updatedAt: new Date() } })
      .returning();
    return row;
  }

  async delete(alias: string, tx: DbOrTx): Promise<CityAliasRow | null> {
    const [row] = await tx.delete(cityAliases).where(eq(cityAliases.alias, alias)).returning();
    return row ?? null;
  }

  /**
   * Customers whose city is `alias` in any case get `city`: one UPDATE served by the lower(city) index, so it
   * touches only the matching rows. Answers how many changed.
   */
  async applyToCustomers(alias: string, city: string, tx: DbOrTx): Promise<number> {
    const result = await tx.execute(
      sql`UPDATE customers SET city = ${city}, updated_at = now() WHERE lower(city) = ${alias} AND city <> ${city}`,
    );
    return affectedOf(result);
  }
}
