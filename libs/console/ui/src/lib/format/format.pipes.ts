import { Pipe, PipeTransform } from '@angular/core';
import { type DateInput, type DateTimeStyle, formatDate, formatDateTime, formatTime } from './date.util';
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

/** All formatting pipes, for a component's `imports`. */
export const FORMAT_PIPES = [CrmDatePipe, CrmDateTimePipe, CrmTimePipe, CrmMoneyPipe, CrmNumberPipe] as const;
