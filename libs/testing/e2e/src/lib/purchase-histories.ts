import { mulberry32 } from './seeded-random';

const DAY = 86_400_000;

export interface SimulatedOrder {
  externalId: string;
  customerEmail: string;
  amount: number;
  orderedAt: string;
}

export interface PurchaseHistories {
  emails: string[];
  orders: SimulatedOrder[];
  /** Sum of every order's amount. */
  revenue: number;
}

/**
 * Seeded purchase histories in the shape of the BG/NBD story, for tests that need a customer model to
 * fit: each customer has a first order 30–365 days before `today`, then repeat orders at their own
 * rate (mean about one a month) until they drop out after some order; amounts vary per customer.
 */
export function purchaseHistories(options: {
  customers: number;
  today: Date;
  seed: number;
  emailPrefix?: string;
}): PurchaseHistories {
  const rand = mulberry32(options.seed);
  const prefix = options.emailPrefix ?? 'buyer';
  const emails: string[] = [];
  const orders: SimulatedOrder[] = [];
  let revenue = 0;
  for (let i = 0; i < options.customers; i++) {
    const email = `${prefix}${i}@example.com`;
    emails.push(email);
    const age = 30 + Math.floor(rand() * 335);
    const rate = -Math.log(1 - rand()) / 30; // purchases per day, mean 1/30
    const dropout = 0.05 + rand() * 0.5;
    const typical = 200 + Math.round(rand() * 3000);
    let day = 0;
    let n = 0;
    for (;;) {
      const amount = Math.round(typical * (0.6 + rand() * 0.8));
      revenue += amount;
      orders.push({
        externalId: `${prefix}-${i}-${n}`,
        customerEmail: email,
        amount,
        orderedAt: new Date(options.today.getTime() - (age - day) * DAY).toISOString(),
      });
      n++;
      if (n > 1 && rand() < dropout) break;
      day += Math.max(1, Math.ceil(-Math.log(1 - rand()) / Math.max(rate, 1e-3)));
      if (day >= age) break;
    }
  }
  return { emails, orders, revenue };
}
