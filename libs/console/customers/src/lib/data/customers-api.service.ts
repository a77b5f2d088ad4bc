import { HttpClient, HttpErrorResponse, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { apiUrl, toHttpParams } from '@mini-crm/console/core';
import { Observable, catchError, of, throwError } from 'rxjs';
import type {
  ConsentHistoryDto,
  CreateCustomerDto,
  PrivacyExportDto,
  CustomerDetailDto,
  CustomerEngagementDto,
  CustomerDto,
  MessagePageDto,
  CustomerPageDto,
  CustomerSort,
  UpdateCustomerDto,
} from '@mini-crm/contracts';

export interface CustomerListQuery {
  q?: string;
  city?: string;
  tag?: string;
  sort?: CustomerSort;
  order?: 'asc' | 'desc';
  cursor?: string | null;
  limit?: number;
  /** The Outlook column set: each row also carries the model scores. */
  view?: 'contact' | 'outlook';
}

/** Rows per page of the customer list. */
export const CUSTOMER_PAGE_SIZE = 50;

/** The query string of a customer list request (the list's own, and the landing page's prefetch). */
export function customerListParams(query: CustomerListQuery): HttpParams {
  return toHttpParams({
    limit: query.limit ?? CUSTOMER_PAGE_SIZE,
    cursor: query.cursor,
    q: query.q?.trim(),
    city: query.city?.trim(),
    tag: query.tag?.trim(),
    sort: query.sort,
    order: query.order,
    include: query.view === 'outlook' ? 'outlook' : undefined,
  });
}

@Injectable({ providedIn: 'root' })
export class CustomersApiService {
  private readonly http = inject(HttpClient);

  list(query: CustomerListQuery): Observable<CustomerPageDto> {
    return this.http.get<CustomerPageDto>(apiUrl('/customers'), { params: customerListParams(query) });
  }

  get(id: string): Observable<CustomerDetailDto> {
    return this.http.get<CustomerDetailDto>(apiUrl(`/customers/${encodeURIComponent(id)}`));
  }

  /** Campaign messages sent to the customer; an empty page while the campaigns backend is absent (404). */
  /** How each campaign reached this customer: delivered, opened, clicked, converted. */
  engagement(id: string): Observable<CustomerEngagementDto> {
    return this.http.get<CustomerEngagementDto>(apiUrl(`/customers/${encodeURIComponent(id)}/engagement`));
  }

  messages(id: string, cursor?: string | null): Observable<MessagePageDto> {
    return this.http
      .get<MessagePageDto>(apiUrl(`/customers/${encodeURIComponent(id)}/messages`), {
        params: toHttpParams({ limit: 20, cursor }),
      })
      .pipe(
        catchError((err: unknown) =>
          err instanceof HttpErrorResponse && err.status === 404
            ? of({ items: [], nextCursor: null })
            : throwError(() => err),
        ),
      );
  }

  create(body: CreateCustomerDto): Observable<CustomerDto> {
    return this.http.post<CustomerDto>(apiUrl('/customers'), body);
  }

  update(id: string, body: UpdateCustomerDto): Observable<CustomerDto> {
    return this.http.patch<CustomerDto>(apiUrl(`/customers/${encodeURIComponent(id)}`), body);
  }

  consentHistory(id: string): Observable<ConsentHistoryDto> {
    return this.http.get<ConsentHistoryDto>(apiUrl(`/customers/${encodeURIComponent(id)}/consent-history`));
  }

  privacyExport(id: string): Observable<PrivacyExportDto> {
    return this.http.get<PrivacyExportDto>(apiUrl(`/customers/${encodeURIComponent(id)}/privacy-export`));
  }

  erase(id: string): Observable<{ suppressed: Array<'email' | 'sms'>; messages: number }> {
    return this.http.delete<{ suppressed: Array<'email' | 'sms'>; messages: number }>(
      apiUrl(`/customers/${encodeURIComponent(id)}/erase`),
    );
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(apiUrl(`/customers/${encodeURIComponent(id)}`));
  }
}
