import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { apiUrl } from '@mini-crm/console/core';
import type { ApiKeyListDto, CreateApiKeyDto, CreatedApiKeyDto } from '@mini-crm/contracts';
import { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class ApiKeysApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<ApiKeyListDto> {
    return this.http.get<ApiKeyListDto>(apiUrl('/api-keys'));
  }

  create(body: CreateApiKeyDto): Observable<CreatedApiKeyDto> {
    return this.http.post<CreatedApiKeyDto>(apiUrl('/api-keys'), body);
  }

  revoke(id: string): Observable<void> {
    return this.http.delete<void>(apiUrl(`/api-keys/${encodeURIComponent(id)}`));
  }
}
