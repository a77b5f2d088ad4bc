import type { CountryCode } from 'libphonenumber-js/min';
import {
  attributesProblems,
  normalizeCountry,
  normalizeEmail,
  normalizeCity,
  normalizePersonName,
  normalizePhone,
  normalizeSubscriptionStatus,
  splitFullName,
  splitTags,
  type SubscriptionStatus,
} from '@mini-crm/customer-data';
import { ColumnIndex, cellAt } from './column-index.util';
import { issue } from './row-issue.util';
import type { ColumnMapping, CustomerField, CustomerRecord, NormalizedRow, RowIssue } from './import.types';
import type { ResolvedNormalizeOptions, RowNormalizer } from './row-normalizer.types';

/**
 * Customers: a row needs a valid email, a valid phone or an external id, otherwise it fails with
 * an error per invalid identifier (or one "no identifier" error). Any other bad cell — an invalid
 * phone beside a valid email, an unknown country or status — is dropped with a warning.
 */
export class CustomerRowNormalizer implements RowNormalizer<CustomerRecord> {
  private readonly cols: ColumnIndex<CustomerField>;
  private readonly externalId: number;
  private readonly email: number;
  private readonly phone: number;
  private readonly firstName: number;
  private readonly lastName: number;
  private readonly fullName: number;
  private readonly city: number;
  private readonly country: number;
  private readonly tags: number;
  private readonly emailStatus: number;
  private readonly smsStatus: number;

  constructor(
    mapping: readonly ColumnMapping[],
    private readonly options: ResolvedNormalizeOptions,
  ) {
    const cols = (this.cols = new ColumnIndex<CustomerField>(mapping));
    this.externalId = cols.of('external_id');
    this.email = cols.of('email');
    this.phone = cols.of('phone');
    this.firstName = cols.of('first_name');
    this.lastName = cols.of('last_name');
    this.fullName = cols.of('name');
    this.city = cols.of('city');
    this.country = cols.of('country');
    this.tags = cols.of('tags');
    this.emailStatus = cols.of('email_status');
    this.smsStatus = cols.of('sms_status');
  }

  normalize(rowNumber: number, cells: string[], issues: RowIssue[]): NormalizedRow<CustomerRecord> | null {
    const externalId = cellAt(cells, this.externalId).trim() || null;

    let email: string | null = null;
    let emailProblem: string | null = null;
    const rawEmail = cellAt(cells, this.email);
    if (rawEmail.length > 0 && rawEmail.trim().length > 0) {
      const r = normalizeEmail(rawEmail);
      if (r.ok) email = r.value;
      else emailProblem = `invalid email "${rawEmail.trim()}": ${r.reason}`;
    }

    let country: string | null = null;
    let countryProblem: string | null = null;
    const rawCountry = cellAt(cells, this.country);
    if (rawCountry.length > 0) {
      const r = normalizeCountry(rawCountry);
      if (r.ok) country = r.value;
      else if (r.reason !== 'empty') countryProblem = r.reason;
    }

    let phone: string | null = null;
    let phoneProblem: string | null = null;
    const rawPhone = cellAt(cells, this.phone);
    if (rawPhone.length > 0 && rawPhone.trim().length > 0) {
      const r = normalizePhone(rawPhone, (country ?? this.options.defaultCountry) as CountryCode);
      if (r.ok) phone = r.value;
      else phoneProblem = `invalid phone "${rawPhone.trim()}": ${r.reason}`;
    }

    if (externalId === null && email === null && phone === null) {
      if (emailProblem) issues.push(issue('error', rowNumber, this.cols.header('email'), emailProblem, cells));
      if (phoneProblem) issues.push(issue('error', rowNumber, this.cols.header('phone'), phoneProblem, cells));
      if (!emailProblem && !phoneProblem) {
        const column =
          this.email !== -1 ? 'email' : this.phone !== -1 ? 'phone' : this.externalId !== -1 ? 'external_id' : 'email';
        issues.push(
          issue('error', rowNumber, this.cols.header(column), 'row has no email, phone or external id', cells),
        );
      }
      return null;
    }
    if (emailProblem)
      issues.push(issue('warning', rowNumber, this.cols.header('email'), `${emailProblem} (value dropped)`, cells));
    if (phoneProblem)
      issues.push(issue('warning', rowNumber, this.cols.header('phone'), `${phoneProblem} (value dropped)`, cells));
    if (countryProblem)
      issues.push(issue('warning', rowNumber, this.cols.header('country'), `${countryProblem} (value dropped)`, cells));

    const attributes = this.cols.collectAttributes(cells);
    const attributeProblems = attributesProblems(attributes);
    if (attributeProblems.length) {
      // the same limits as the API: the row fails, the rest of the file goes on
      issues.push(issue('error', rowNumber, 'attributes', `attributes ${attributeProblems.join('; ')}`, cells));
      return null;
    }

    let firstName = normalizePersonName(cellAt(cells, this.firstName));
    let lastName = normalizePersonName(cellAt(cells, this.lastName));
    if (this.fullName !== -1 && (firstName === null || lastName === null)) {
      const split = splitFullName(cells[this.fullName] ?? '');
      firstName ??= split.firstName;
      lastName ??= split.lastName;
    }

    const record: CustomerRecord = {
      externalId,
      email,
      phone,
      firstName,
      lastName,
      city: normalizeCity(cellAt(cells, this.city), this.options.cityAliases),
      country,
      tags: this.tags === -1 ? [] : splitTags(cellAt(cells, this.tags)),
      attributes,
      emailStatus: this.status(rowNumber, cells, this.emailStatus, 'email_status', issues),
      smsStatus: this.status(rowNumber, cells, this.smsStatus, 'sms_status', issues),
    };
    return { rowNumber, cells, record };
  }

  private status(
    rowNumber: number,
    cells: string[],
    index: number,
    field: CustomerField,
    issues: RowIssue[],
  ): SubscriptionStatus | null {
    const raw = cellAt(cells, index);
    if (raw.length === 0 || raw.trim().length === 0) return null;
    const r = normalizeSubscriptionStatus(raw);
    if (r.ok) return r.value;
    issues.push(
      issue(
        'warning',
        rowNumber,
        this.cols.header(field),
        `${r.reason} (expected subscribed, unsubscribed or blocklisted; value dropped)`,
        cells,
      ),
    );
    return null;
  }
}
