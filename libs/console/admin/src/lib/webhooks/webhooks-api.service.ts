import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { apiUrl, toHttpParams } from '@mini-crm/console/core';
import type {
  CreateWebhookDto,
  UpdateWebhookDto,
  WebhookDeliveryPageDto,
  WebhookDto,
  WebhookListDto,
  WebhookQueuedDto,
  WebhookWithSecretDto,
} from '@mini-crm/contracts';
import { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class WebhooksApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<WebhookListDto> {
    return this.http.get<WebhookListDto>(apiUrl('/webhooks'));
  }

  create(body: CreateWebhookDto): Observable<WebhookWithSecretDto> {
    return this.http.post<WebhookWithSecretDto>(apiUrl('/webhooks'), body);
  }

  update(id: string, body: UpdateWebhookDto): Observable<WebhookDto> {
    return this.http.patch<WebhookDto>(apiUrl(`/webhooks/${id}`), body);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(apiUrl(`/webhooks/${id}`));
  }

  rotate(id: string): Observable<WebhookWithSecretDto> {
    return this.http.post<WebhookWithSecretDto>(apiUrl(`/webhooks/${id}/rotate-secret`), {});
  }

  test(id: string): Observable<WebhookQueuedDto> {
    return this.http.post<WebhookQueuedDto>(apiUrl(`/webhooks/${id}/test`), {});
  }

  deliveries(id: string, cursor?: string | null): Observable<WebhookDeliveryPageDto> {
    return this.http.get<WebhookDeliveryPageDto>(apiUrl(`/webhooks/${id}/deliveries`), {
      params: toHttpParams({ limit: 50, cursor }),
    });
  }

  redeliver(id: string, deliveryId: string): Observable<WebhookQueuedDto> {
    return this.http.post<WebhookQueuedDto>(apiUrl(`/webhooks/${id}/deliveries/${deliveryId}/redeliver`), {});
  }
}
