import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { apiUrl } from '@mini-crm/console/core';
import type { SendingWindowSettingsDto, UpdateSendingWindowSettingsDto } from '@mini-crm/contracts';
import { Observable } from 'rxjs';

/** The workspace's sending settings (time zone, default window per channel). */
@Injectable({ providedIn: 'root' })
export class SendingSettingsApiService {
  private readonly http = inject(HttpClient);

  get(): Observable<SendingWindowSettingsDto> {
    return this.http.get<SendingWindowSettingsDto>(apiUrl('/settings/sending'));
  }

  /** Admin only; omitted fields keep their value, a null window turns it off. */
  update(body: UpdateSendingWindowSettingsDto): Observable<SendingWindowSettingsDto> {
    return this.http.put<SendingWindowSettingsDto>(apiUrl('/settings/sending'), body);
  }
}
