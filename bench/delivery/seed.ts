import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { INDIAN_CITIES } from '../shared/indian-cities';

const CITIES = INDIAN_CITIES.slice(0, 10);
const FIRST = ['Aarav', 'Vivaan', 'Aditya', 'Diya', 'Ananya', 'Ishaan', 'Saanvi', 'Kabir', 'Myra', 'Reyansh'];

/** Row i of the deterministic data set: every 7th has no first name, every 50th is unsubscribed from SMS. */
function row(i: number): string {
  const first = i % 7 === 0 ? '\\N' : FIRST[i % FIRST.length];
  const phone = `+9170${String(i).padStart(8, '0')}`;
  const sms = i % 50 === 0 ? 'unsubscribed' : 'subscribed';
  return `${first}\tL${i}\t${CITIES[i % CITIES.length]}\t${phone}\tu${i}@bench.example\t${sms}\tsubscribed\t${(i % 9973) + 0.5}\n`;
}

/** COPY n deterministic customers into an empty `customers` table. */
export async function seedCustomers(url: string, n: number, log: (m: string) => void): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const t0 = Date.now();
    const stream = c.query(
      copyFrom(
        'copy customers (first_name, last_name, city, phone, email, sms_status, email_status, total_spend) from stdin',
      ),
    );
    let i = 0;
    const source = new Readable({
      read() {
        let chunk = '';
        for (let k = 0; k < 5000 && i < n; k++, i++) chunk += row(i);
        this.push(chunk || null);
      },
    });
    await pipeline(source, stream);
    // A real customer table was vacuumed long before a campaign: set hint bits and the visibility
    // map now, not during the timed snapshot.
    await c.query('vacuum analyze customers');
    log(`seeded ${n.toLocaleString()} customers with COPY in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await c.end();
  }
}

/** Eligible SMS recipients among the first n rows (all match the benchmark segment). */
export function expectedAudience(n: number): number {
  return n - Math.ceil(n / 50);
}
