import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '@mini-crm/db';

/** The end of CDNOW's calibration period: T is measured to this day. */
export const CDNOW_TODAY = new Date('1997-09-30T12:00:00Z');

/**
 * The CDNOW 1/10 sample (libs/customer-models/src/fixtures) as customers and orders: a first order
 * T weeks before 1997-09-30, x repeat order days with the last at tx weeks, each repeat worth zbar.
 * Only (x, tx, T) matter to BG/NBD, so the fit on these orders is the published one, α in days.
 */
export async function importCdnowSample(db: Database): Promise<{ customers: number; orders: number }> {
  const file = join(__dirname, '..', '..', '..', '..', 'customer-models', 'src', 'fixtures', 'cdnow-summary.csv');
  const rows = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  const DAY = 86_400_000;
  const customers: { email: string }[] = [];
  const orders: { email: string; amount: number; at: string }[] = [];
  for (const line of rows) {
    const [id, x, tx, T, zbar] = line.split(',').map(Number);
    const email = `cdnow-${id}@example.com`;
    customers.push({ email });
    const first = CDNOW_TODAY.getTime() - Math.round(T * 7) * DAY;
    orders.push({ email, amount: 20, at: new Date(first).toISOString() });
    const lastDay = Math.round(tx * 7);
    for (let k = 1; k <= x; k++) {
      // Repeat days spread over (0, tx], distinct, the last on tx.
      const day = Math.max(k, Math.round((lastDay * k) / x));
      orders.push({ email, amount: zbar, at: new Date(first + Math.min(day, lastDay) * DAY).toISOString() });
    }
  }
  await db.execute(sql`
    insert into customers (email) select email from jsonb_to_recordset(${JSON.stringify(customers)}::jsonb) as c(email text)`);
  await db.execute(sql`
    insert into orders (customer_id, amount, ordered_at)
    select c.id, o.amount, o.at from jsonb_to_recordset(${JSON.stringify(orders)}::jsonb) as o(email text, amount numeric, at timestamptz)
    join customers c on c.email = o.email`);
  return { customers: customers.length, orders: orders.length };
}
