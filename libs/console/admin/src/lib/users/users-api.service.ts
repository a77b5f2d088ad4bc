import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { apiUrl, toHttpParams } from '@mini-crm/console/core';
import type { UpdateUserDto, UserDto, UserPageDto } from '@mini-crm/contracts';
import { Observable } from 'rxjs';

export interface UserListQuery {
  q?: string;
  cursor?: string | null;
  limit?: number;
}

@Injectable({ providedIn: 'root' })
export class UsersApiService {
  private readonly http = inject(HttpClient);

  list(query: UserListQuery): Observable<UserPageDto> {
    return this.http.get<UserPageDto>(apiUrl('/users'), {
      params: toHttpParams({ limit: query.limit ?? 25, cursor: query.cursor, q: query.q?.trim() }),
    });
  }

  update(id: string, change: UpdateUserDto): Observable<UserDto> {
    return this.http.patch<UserDto>(apiUrl(`/users/${encodeURIComponent(id)}`), change);
  }
}
