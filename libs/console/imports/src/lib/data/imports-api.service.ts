import { HttpClient, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { apiUrl, toHttpParams } from '@mini-crm/console/core';
import { fileNameFrom } from '@mini-crm/console/ui';
import type {
  ConsentSettingsDto,
  DuplicatePolicy,
  ImportConsentStatus,
  ImportCreatedDto,
  ImportJobDto,
  ImportKindValue,
  ImportPageDto,
  ImportPreviewDto,
} from '@mini-crm/contracts';
import { Observable, map } from 'rxjs';

/** The preview reads only the first rows: this much of the file is plenty. */
const PREVIEW_BYTES = 1024 * 1024;

export interface PreviewOptions {
  mapping?: Record<string, string>;
  defaultCountry?: string;
  dateOrder?: 'dmy' | 'mdy';
}

export interface StartImportOptions extends PreviewOptions {
  kind: ImportKindValue;
  duplicatePolicy: DuplicatePolicy;
  /** Consent of new customers whose row has no consent value, per channel, and where it comes from. */
  emailConsent?: ImportConsentStatus;
  smsConsent?: ImportConsentStatus;
  consentSource?: string;
}

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

@Injectable({ providedIn: 'root' })
export class ImportsApiService {
  private readonly http = inject(HttpClient);

  preview(file: File, kind: ImportKindValue, options: PreviewOptions = {}): Observable<ImportPreviewDto> {
    const head = file.size > PREVIEW_BYTES ? file.slice(0, PREVIEW_BYTES) : file;
    const form = formData({ kind, ...textOptions(options) });
    form.append('file', head, file.name);
    return this.http.post<ImportPreviewDto>(apiUrl('/imports/preview'), form);
  }

  /** Text fields go before the file so the server knows the options before the upload streams. */
  start(file: File, options: StartImportOptions): Observable<ImportCreatedDto> {
    const form = formData({
      kind: options.kind,
      duplicatePolicy: options.duplicatePolicy,
      ...(options.kind === 'customers'
        ? {
            emailConsent: options.emailConsent,
            smsConsent: options.smsConsent,
            consentSource: options.consentSource?.trim() || undefined,
          }
        : {}),
      ...textOptions(options),
    });
    form.append('file', file, file.name);
    return this.http.post<ImportCreatedDto>(apiUrl('/imports'), form);
  }

  /** The workspace's default consent for imported rows without a consent value. */
  consentDefaults(): Observable<ConsentSettingsDto> {
    return this.http.get<ConsentSettingsDto>(apiUrl('/settings/consent'));
  }

  get(id: string): Observable<ImportJobDto> {
    return this.http.get<ImportJobDto>(apiUrl(`/imports/${encodeURIComponent(id)}`));
  }

  list(cursor?: string | null, limit = 25): Observable<ImportPageDto> {
    return this.http.get<ImportPageDto>(apiUrl('/imports'), { params: toHttpParams({ limit, cursor }) });
  }

  cancel(id: string): Observable<ImportJobDto | null> {
    return this.http.post<ImportJobDto | null>(apiUrl(`/imports/${encodeURIComponent(id)}/cancel`), {});
  }

  /** errors.csv through HttpClient, so the bearer token (and refresh) apply. */
  errorReport(id: string): Observable<DownloadedFile> {
    return this.http
      .get(apiUrl(`/imports/${encodeURIComponent(id)}/errors.csv`), { responseType: 'blob', observe: 'response' })
      .pipe(
        map((res: HttpResponse<Blob>) => ({
          blob: res.body ?? new Blob([], { type: 'text/csv' }),
          fileName: fileNameFrom(res.headers.get('content-disposition')) ?? `import-${id.slice(0, 8)}-errors.csv`,
        })),
      );
  }

  /** URL of the job's server-sent events (opened with a stream ticket, see TicketedEventSourceService). */
  eventsUrl(id: string): string {
    return apiUrl(`/imports/${encodeURIComponent(id)}/events`);
  }
}

function textOptions(options: PreviewOptions): Record<string, string | undefined> {
  return {
    mapping: options.mapping && Object.keys(options.mapping).length ? JSON.stringify(options.mapping) : undefined,
    defaultCountry: options.defaultCountry || undefined,
    dateOrder: options.dateOrder,
  };
}

function formData(fields: Record<string, string | undefined>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) form.append(key, value);
  return form;
}
