import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { apiUrl } from '@mini-crm/console/core';
import type { AiSegmentRulesResponseDto } from '@mini-crm/contracts';
import { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class AiSegmentRulesApiService {
  private readonly http = inject(HttpClient);

  describe(text: string): Observable<AiSegmentRulesResponseDto> {
    return this.http.post<AiSegmentRulesResponseDto>(apiUrl('/ai/segment-rules'), { text });
  }
}
