import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '@mini-crm/db';
import { DB } from '@mini-crm/api/core';

/** The tables partitioned by their message's month (`message_month`, migration 0024), each with a `<table>_default`. */
export const EVENT_TABLES = ['message_events', 'engagement_events'] as const;
export type EventTable = (typeof EVENT_TABLES)[number];

/** A month's partition: `<table>_yYYYYmMM`, holding the events of messages queued in that UTC month. */
export interface MonthPartition {
  name: string;
  /** Its first day, `YYYY-MM-01`. */
  month: string;
}

const MONTH_SUFFIX = /_y(\d{4})m(\d{2})$/;

/** The name migration 0024's `event_month_partition` gives the partition of `month` (`YYYY-MM-01`). */
export function monthPartitionName(table: EventTable, month: string): string {
  return `${table}_y${month.slice(0, 4)}m${month.slice(5, 7)}`;
}

/** Creates and drops the month partitions of the event tables. */
@Injectable()
export class EventPartitionsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** Creates the partition of `month` (`YYYY-MM-01`) unless there is one; rows of that month in the default partition move into it. */
  async create(table: EventTable, month: string): Promise<boolean> {
    const res = await this.db.execute(sql`select event_month_partition(${table}, ${month}::date) as created`);
    return rowsOf<{ created: boolean }>(res)[0]?.created === true;
  }

  async partitions(table: EventTable): Promise<MonthPartition[]> {
    const res = await this.db.execute(sql`
      select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = ${table}::regclass order by 1`);
    return rowsOf<{ name: string }>(res).flatMap(({ name }) => {
      const m = MONTH_SUFFIX.exec(name);
      return m ? [{ name, month: `${m[1]}-${m[2]}-01` }] : [];
    });
  }

  /** Months with rows in the default partition (none of their own yet), `YYYY-MM-01`. */
  async monthsInDefault(table: EventTable): Promise<string[]> {
    const res = await this.db.execute(
      sql`select distinct message_month::text as month from ${sql.identifier(`${table}_default`)} order by 1`,
    );
    return rowsOf<{ month: string }>(res).map((r) => r.month);
  }

  async drop(partition: MonthPartition): Promise<void> {
    if (!MONTH_SUFFIX.test(partition.name)) throw new Error(`not a month partition: ${partition.name}`);
    await this.db.execute(sql`drop table ${sql.identifier(partition.name)}`);
  }

  /** Deletes default-partition rows of months before `month`; the count deleted. */
  async deleteDefaultBefore(table: EventTable, month: string): Promise<number> {
    const res = await this.db.execute(sql`
      with d as (delete from ${sql.identifier(`${table}_default`)} where message_month < ${month}::date returning 1)
      select count(*)::int as n from d`);
    return Number(rowsOf<{ n: number }>(res)[0]?.n ?? 0);
  }
}
