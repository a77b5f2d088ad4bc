import { collect } from './test-input.fixture';

describe('order import', () => {
  const european = [
    'Order ID;Customer Email;Customer ID;Total;Currency;Order Date;Status;Coupon',
    'O-1;Ann@Example.com;;1.234,56;EUR;01.03.2024 10:30;Paid;SPRING',
    'O-2;;C9;₹ 499;;2024-03-02;;',
    'O-3;bad-email;C9;12,5;;02/03/2024;shipped;',
    'O-4;;;10;;2024-03-02;;',
    'O-5;x@example.com;;-5;;2024-03-02;;',
    'O-6;x@example.com;;abc;;;;',
    'O-7;x@example.com;;10;dollars;31/02/2024;;',
    'O-8;x@example.com;;(3,00);;2024-03-02;;',
  ].join('\r\n');

  it('normalizes orders and reports missing customer, bad amount, date and currency', async () => {
    const { rows, issues, failedRows } = await collect(european, { kind: 'orders' });
    expect(rows.map((r) => [r.rowNumber, r.record])).toEqual([
      [
        2,
        {
          externalId: 'O-1',
          customerEmail: 'ann@example.com',
          customerExternalId: null,
          amount: '1234.56',
          currency: 'EUR',
          orderedAt: new Date('2024-03-01T10:30:00Z'),
          status: 'paid',
          attributes: { coupon: 'SPRING' },
        },
      ],
      [
        3,
        {
          externalId: 'O-2',
          customerEmail: null,
          customerExternalId: 'C9',
          amount: '499',
          currency: 'INR',
          orderedAt: new Date('2024-03-02T00:00:00Z'),
          status: null,
          attributes: {},
        },
      ],
      [
        4,
        {
          externalId: 'O-3',
          customerEmail: null,
          customerExternalId: 'C9',
          amount: '12.5',
          currency: 'INR',
          orderedAt: new Date('2024-03-02T00:00:00Z'),
          status: 'shipped',
          attributes: {},
        },
      ],
    ]);
    expect(issues.map((i) => [i.rowNumber, i.severity, i.column, i.message])).toEqual([
      [4, 'warning', 'Customer Email', expect.stringContaining('invalid customer email "bad-email"')],
      [5, 'error', 'Customer Email', 'row has no customer_email or customer_external_id'],
      [6, 'error', 'Total', 'amount is negative: "-5"'],
      [7, 'error', 'Total', 'not an amount: "abc"'],
      [7, 'error', 'Order Date', 'order date is missing'],
      [8, 'error', 'Order Date', 'not a date: "31/02/2024"'],
      [8, 'error', 'Currency', 'not an ISO 4217 currency code: "dollars"'],
      [9, 'error', 'Total', 'amount is negative: "(3,00)"'],
    ]);
    expect(failedRows).toBe(5);
  });

  it('uses options: mdy dates, default currency, dot decimals in comma files', async () => {
    const csv = 'order_id,customer_external_id,amount,ordered_at\nO-1,C1,"1,234",03/04/2024\n';
    const { rows } = await collect(csv, { kind: 'orders', dateOrder: 'mdy', defaultCurrency: 'usd' });
    expect(rows[0].record).toMatchObject({
      amount: '1234',
      currency: 'USD',
      orderedAt: new Date('2024-03-04T00:00:00Z'),
    });
  });

  it('fails every row when the file has no customer column', async () => {
    const { rows, issues } = await collect('amount,date\n10,2024-01-01\n', { kind: 'orders' });
    expect(rows).toEqual([]);
    expect(issues).toEqual([
      expect.objectContaining({
        rowNumber: 2,
        column: 'customer_email',
        message: 'row has no customer_email or customer_external_id',
      }),
    ]);
  });
});
