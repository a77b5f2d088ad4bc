import type { Pool } from 'pg';
import { INDIAN_CITIES } from '../shared/indian-cities';

/**
 * `count` customers in one set-based statement (generate_series), deterministic per index: unique
 * email and phone, a city, a few tags and attributes, created one minute apart. Seconds for 100k.
 */
export async function seedCustomers(pool: Pool, count: number): Promise<void> {
  await pool.query(
    `insert into customers (external_id, email, phone, first_name, last_name, city, country, tags, attributes,
        total_spend, order_count, visit_count, last_order_at, created_at, updated_at)
     select 'ext-' || i,
            'customer' || i || '@example.com',
            '+9198' || lpad(i::text, 8, '0'),
            (array['Aarav','Diya','Rohan','Priya','Kabir','Meera','Arjun','Neha'])[1 + i % 8],
            (array['Sharma','Patel','Iyer','Reddy','Khan','Singh','Das','Nair'])[1 + (i / 8) % 8],
            ($2::text[])[1 + i % array_length($2::text[], 1)],
            'IN',
            case when i % 3 = 0 then array['vip', 'newsletter'] else array['newsletter'] end,
            jsonb_build_object('tier', case when i % 5 = 0 then 'gold' else 'silver' end, 'score', i % 100),
            ((i * 37) % 100000) / 100.0,
            i % 12,
            i % 30,
            case when i % 12 = 0 then null else timestamptz '2026-11-01' - (i % 365) * interval '1 day' end,
            timestamptz '2026-11-01' - i * interval '1 minute',
            timestamptz '2026-11-01' - i * interval '1 minute'
       from generate_series(1, $1::int) as i`,
    [count, INDIAN_CITIES],
  );
  await pool.query('analyze customers');
}
