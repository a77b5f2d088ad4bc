import { normalizeCurrency, normalizeEmail, parseAmount, parseDate } from '@mini-crm/customer-data';
import { ColumnIndex, cellAt } from './column-index.util';
import type { ColumnMapping, NormalizedRow, OrderField, OrderRecord, RowIssue } from './import.types';
import { issue } from './row-issue.util';
import type { ResolvedNormalizeOptions, RowNormalizer } from './row-normalizer.types';

/**
 * Orders: a row needs a customer reference (valid customer_email or customer_external_id), an
 * amount ≥ 0 and an order date; every missing or invalid one is its own error. A currency that is
 * present but unreadable is an error too (silently booking it as the default currency would
 * misstate money). An invalid customer_email beside a customer_external_id is a warning.
 */
export class OrderRowNormalizer implements RowNormalizer<OrderRecord> {
  private readonly cols: ColumnIndex<OrderField>;
  private readonly externalId: number;
  private readonly customerEmail: number;
  private readonly customerExternalId: number;
  private readonly amount: number;
  private readonly currency: number;
  private readonly orderedAt: number;
  private readonly status: number;

  constructor(
    mapping: readonly ColumnMapping[],
    private readonly options: ResolvedNormalizeOptions,
  ) {
    const cols = (this.cols = new ColumnIndex<OrderField>(mapping));
    this.externalId = cols.of('external_id');
    this.customerEmail = cols.of('customer_email');
    this.customerExternalId = cols.of('customer_external_id');
    this.amount = cols.of('amount');
    this.currency = cols.of('currency');
    this.orderedAt = cols.of('ordered_at');
    this.status = cols.of('status');
  }

  normalize(rowNumber: number, cells: string[], issues: RowIssue[]): NormalizedRow<OrderRecord> | null {
    const errorsBefore = issues.length;
    const error = (field: OrderField, message: string) =>
      issues.push(issue('error', rowNumber, this.cols.header(field), message, cells));

    const customerExternalId = cellAt(cells, this.customerExternalId).trim() || null;
    let customerEmail: string | null = null;
    let emailProblem: string | null = null;
    const rawEmail = cellAt(cells, this.customerEmail).trim();
    if (rawEmail.length > 0) {
      const r = normalizeEmail(rawEmail);
      if (r.ok) customerEmail = r.value;
      else emailProblem = `invalid customer email "${rawEmail}": ${r.reason}`;
    }
    if (customerEmail === null && customerExternalId === null) {
      if (emailProblem) error('customer_email', emailProblem);
      else
        error(
          this.customerEmail !== -1 || this.customerExternalId === -1 ? 'customer_email' : 'customer_external_id',
          'row has no customer_email or customer_external_id',
        );
    }

    let amount = '';
    const rawAmount = cellAt(cells, this.amount);
    const parsedAmount =
      rawAmount.trim().length === 0
        ? null
        : parseAmount(rawAmount, { decimalSeparator: this.options.decimalSeparator });
    if (parsedAmount === null) error('amount', 'amount is missing');
    else if (!parsedAmount.ok) error('amount', parsedAmount.reason);
    else if (parsedAmount.value.startsWith('-')) error('amount', `amount is negative: "${rawAmount.trim()}"`);
    else amount = parsedAmount.value;

    let orderedAt: Date | null = null;
    const rawDate = cellAt(cells, this.orderedAt);
    const parsedDate = rawDate.trim().length === 0 ? null : parseDate(rawDate, { dateOrder: this.options.dateOrder });
    if (parsedDate === null) error('ordered_at', 'order date is missing');
    else if (!parsedDate.ok) error('ordered_at', parsedDate.reason);
    else orderedAt = parsedDate.value;

    let currency = this.options.defaultCurrency;
    const rawCurrency = cellAt(cells, this.currency);
    if (rawCurrency.trim().length > 0) {
      const r = normalizeCurrency(rawCurrency);
      if (r.ok) currency = r.value;
      else error('currency', r.reason);
    }

    if (issues.length > errorsBefore || orderedAt === null) return null;
    if (emailProblem)
      issues.push(
        issue('warning', rowNumber, this.cols.header('customer_email'), `${emailProblem} (value dropped)`, cells),
      );
    const status = cellAt(cells, this.status).trim().toLowerCase() || null;
    const record: OrderRecord = {
      externalId: cellAt(cells, this.externalId).trim() || null,
      customerEmail,
      customerExternalId,
      amount,
      currency,
      orderedAt,
      status,
      attributes: this.cols.collectAttributes(cells),
    };
    return { rowNumber, cells, record };
  }
}
