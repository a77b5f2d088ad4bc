import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { apiUrl } from '@mini-crm/console/core';
import type { AiMessagesRequestDto, AiMessagesResponseDto } from '@mini-crm/contracts';
import { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class AiMessagesApiService {
  private readonly http = inject(HttpClient);

  suggest(body: AiMessagesRequestDto): Observable<AiMessagesResponseDto> {
    return this.http.post<AiMessagesResponseDto>(apiUrl('/ai/messages'), body);
  }
}
