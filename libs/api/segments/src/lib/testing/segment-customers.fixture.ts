import { customers, type Database } from '@mini-crm/db';
import type { SegmentCustomer } from '@mini-crm/segment-engine';
import { mulberry32 } from '@mini-crm/testing/e2e';

const DAY = 86_400_000;

export type CustomerInsert = typeof customers.$inferInsert;

const CITIES = ['Mumbai', 'mumbai', 'Delhi', 'Bengaluru', 'Pune', 'Chennai', null, ''];
const COUNTRIES = ['IN', 'IN', 'IN', 'US', 'GB', null];
const TAGS = ['vip', 'newsletter', 'churn-risk', 'wholesale', 'VIP'];
const TIERS = ['gold', 'silver', 'bronze'];

/**
 * Customers with varied, partly null fields. Timestamps sit mid-day relative to `now` so a few
 * milliseconds between the test's clock and the server's cannot move a day boundary.
 */
export function makeCustomers(n: number, seed: number, now: Date, prefix = 'c'): CustomerInsert[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const daysAgo = (d: number) => new Date(now.getTime() - d * DAY - DAY / 2);
  const out: CustomerInsert[] = [];
  for (let i = 0; i < n; i++) {
    const orders = rnd() < 0.2 ? 0 : 1 + Math.floor(rnd() * 20);
    const tags = TAGS.filter(() => rnd() < 0.25);
    const attributes: Record<string, unknown> = {};
    if (rnd() < 0.6) attributes['tier'] = pick(TIERS);
    if (rnd() < 0.5)
      attributes['age'] = rnd() < 0.7 ? 18 + Math.floor(rnd() * 60) : String(18 + Math.floor(rnd() * 60));
    if (rnd() < 0.2) attributes['nested'] = { a: 1 };
    out.push({
      email: `${prefix}${i}@example.com`,
      phone: rnd() < 0.5 ? `+91${70 + (seed % 30)}${String(10_000_000 + i)}` : null,
      firstName: pick(['Asha', 'Ravi', 'Meera', 'John', null]),
      lastName: pick(['Kumar', 'Shah', 'Iyer', 'Smith', null]),
      city: pick(CITIES),
      country: pick(COUNTRIES),
      tags,
      attributes,
      totalSpend: orders === 0 ? '0' : (Math.floor(rnd() * 2_000_000) / 100).toFixed(2),
      orderCount: orders,
      visitCount: Math.floor(rnd() * 100),
      firstOrderAt: orders === 0 ? null : daysAgo(200 + Math.floor(rnd() * 300)),
      lastOrderAt: orders === 0 ? null : daysAgo(Math.floor(rnd() * 200)),
      lastActiveAt: rnd() < 0.1 ? null : daysAgo(Math.floor(rnd() * 120)),
      emailStatus: pick(['subscribed', 'subscribed', 'unsubscribed', 'blocklisted']),
      smsStatus: pick(['subscribed', 'unsubscribed']),
      createdAt: daysAgo(300 + Math.floor(rnd() * 400)),
    });
  }
  return out;
}

export async function insertCustomers(
  db: Database,
  rows: CustomerInsert[],
): Promise<{ id: string; email: string | null }[]> {
  const ids: { id: string; email: string | null }[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    ids.push(
      ...(await db
        .insert(customers)
        .values(rows.slice(i, i + 500))
        .returning({ id: customers.id, email: customers.email })),
    );
  }
  return ids;
}

/** The evaluator's view of an inserted row (snake_case, as the engine reads customers). */
export function asSegmentCustomer(c: CustomerInsert): SegmentCustomer {
  return {
    first_name: c.firstName,
    last_name: c.lastName,
    email: c.email,
    phone: c.phone,
    city: c.city,
    country: c.country,
    created_at: c.createdAt as Date,
    email_status: c.emailStatus,
    sms_status: c.smsStatus,
    total_spend: c.totalSpend,
    order_count: c.orderCount,
    visit_count: c.visitCount,
    first_order_at: c.firstOrderAt,
    last_order_at: c.lastOrderAt,
    last_active_at: c.lastActiveAt,
    tags: c.tags as string[],
    attributes: c.attributes,
  };
}
