import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { apiUrl } from '@mini-crm/console/core';
import type { CityAliasListDto, CityAliasSavedDto, SaveCityAliasDto } from '@mini-crm/contracts';
import { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class CityAliasesApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<CityAliasListDto> {
    return this.http.get<CityAliasListDto>(apiUrl('/settings/city-aliases'));
  }

  save(alias: string, body: SaveCityAliasDto): Observable<CityAliasSavedDto> {
    return this.http.put<CityAliasSavedDto>(apiUrl(`/settings/city-aliases/${encodeURIComponent(alias)}`), body);
  }

  remove(alias: string): Observable<void> {
    return this.http.delete<void>(apiUrl(`/settings/city-aliases/${encodeURIComponent(alias)}`));
  }
}
