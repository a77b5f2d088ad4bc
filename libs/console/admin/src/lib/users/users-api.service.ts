import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { apiUrl, toHttpParams } from '@mini-crm/console/core';
import type {
  CreateInviteDto,
  InviteDto,
  InviteListDto,
  Role,
  UpdateUserDto,
  UserDto,
  UserPageDto,
  UserStatus,
} from '@mini-crm/contracts';
import { Observable } from 'rxjs';

export interface UserListQuery {
  q?: string;
  cursor?: string | null;
  limit?: number;
  status?: UserStatus;
}

@Injectable({ providedIn: 'root' })
export class UsersApiService {
  private readonly http = inject(HttpClient);

  list(query: UserListQuery): Observable<UserPageDto> {
    return this.http.get<UserPageDto>(apiUrl('/users'), {
      params: toHttpParams({
        limit: query.limit ?? 25,
        cursor: query.cursor,
        q: query.q?.trim(),
        status: query.status,
      }),
    });
  }

  update(id: string, change: UpdateUserDto): Observable<UserDto> {
    return this.http.patch<UserDto>(apiUrl(`/users/${encodeURIComponent(id)}`), change);
  }

  approve(id: string, role: Role): Observable<UserDto> {
    return this.http.post<UserDto>(apiUrl(`/users/${encodeURIComponent(id)}/approve`), { role });
  }

  reject(id: string): Observable<UserDto> {
    return this.http.post<UserDto>(apiUrl(`/users/${encodeURIComponent(id)}/reject`), {});
  }

  invites(): Observable<InviteListDto> {
    return this.http.get<InviteListDto>(apiUrl('/users/invites'));
  }

  invite(body: CreateInviteDto): Observable<InviteDto> {
    return this.http.post<InviteDto>(apiUrl('/users/invites'), body);
  }

  revokeInvite(id: string): Observable<void> {
    return this.http.delete<void>(apiUrl(`/users/invites/${encodeURIComponent(id)}`));
  }
}
