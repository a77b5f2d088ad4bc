import { Pipe, PipeTransform } from '@angular/core';
import { type DateInput, type DateTimeStyle, formatDate, formatDateTime, formatTime } from './date.util';
import { codeLabel } from './code-label.util';
import { countOf, nounFor } from './count-noun.util';
import { formatCount } from './metrics.util';
import { formatMoney } from './money.util';

/** `{{ at | crmDate }}` → `2 Dec 2026`. The console's one date format (workspace locale). */
@Pipe({ name: 'crmDate' })
export class CrmDatePipe implements PipeTransform {
  transform(value: DateInput): string {
    return formatDate(value);
  }
}

/** `{{ at | crmDateTime }}` → `2 Dec 2026, 16:28`; `: 'seconds'` adds seconds, `: 'long'` names the weekday. */
@Pipe({ name: 'crmDateTime' })
export class CrmDateTimePipe implements PipeTransform {
  transform(value: DateInput, style: DateTimeStyle = 'minutes'): string {
    return formatDateTime(value, style);
  }
}

/** `{{ at | crmTime }}` → `16:28:05`, where the day is already said. */
@Pipe({ name: 'crmTime' })
export class CrmTimePipe implements PipeTransform {
  transform(value: DateInput): string {
    return formatTime(value);
  }
}

/** `{{ amount | crmMoney }}` → `₹10,714.50`; `: 'USD'` for an amount in another currency. */
@Pipe({ name: 'crmMoney' })
export class CrmMoneyPipe implements PipeTransform {
  transform(amount: number | string | null | undefined, currency?: string | null): string {
    return formatMoney(amount, currency);
  }
}

/** `{{ n | crmNumber }}` → `1,23,456`: counts grouped the workspace locale's way. */
@Pipe({ name: 'crmNumber' })
export class CrmNumberPipe implements PipeTransform {
  transform(value: number | null | undefined): string {
    return formatCount(value);
  }
}

/** `{{ n | crmCount: 'recipient' }}` → `1 recipient`, `24 recipients`; `: 'person' : 'people'` for an irregular plural. */
@Pipe({ name: 'crmCount' })
export class CrmCountPipe implements PipeTransform {
  transform(value: number | null | undefined, singular: string, plural?: string): string {
    return countOf(value, singular, plural);
  }
}

/** `{{ n | crmPlural: 'recipient' }}` → the noun alone (`recipient` for 1, else `recipients`), beside a number shown apart. */
@Pipe({ name: 'crmPlural' })
export class CrmPluralPipe implements PipeTransform {
  transform(value: number | null | undefined, singular: string, plural?: string): string {
    return nounFor(value, singular, plural);
  }
}

/** `{{ reason | crmCodeLabel }}` → `Invalid recipient` for `invalid_recipient`; free text as it came. */
@Pipe({ name: 'crmCodeLabel' })
export class CrmCodeLabelPipe implements PipeTransform {
  transform(value: string | null | undefined): string {
    return codeLabel(value);
  }
}

/** All formatting pipes, for a component's `imports`. */
export const FORMAT_PIPES = [
  CrmDatePipe,
  CrmDateTimePipe,
  CrmTimePipe,
  CrmMoneyPipe,
  CrmNumberPipe,
  CrmCountPipe,
  CrmPluralPipe,
  CrmCodeLabelPipe,
] as const;
