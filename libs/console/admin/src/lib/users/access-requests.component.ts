import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { errorMessage } from '@mini-crm/console/ui';
import type { Role, UserDto } from '@mini-crm/contracts';
import { ROLE_OPTIONS } from './role-options';
import { UsersApiService } from './users-api.service';

/** The approval queue: people who signed in from outside the allowed domains, with Approve (as a role) / Reject. */
@Component({
  selector: 'crm-access-requests',
  imports: [MatCardModule, MatButtonModule, MatIconModule, MatFormFieldModule, MatSelectModule, FormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined" class="card" data-testid="access-requests">
      <mat-card-header>
        <mat-card-title>Waiting for approval</mat-card-title>
      </mat-card-header>
      <mat-card-content>
        @if (loadError(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        } @else if (requests().length === 0) {
          <p class="muted" data-testid="access-requests-none">Nobody is waiting.</p>
        }
        <ul class="rows">
          @for (u of requests(); track u.id) {
            <li data-testid="access-request" [attr.data-email]="u.email">
              <span class="who"
                ><strong>{{ u.name || u.email }}</strong> <span class="muted">{{ u.email }}</span></span
              >
              <mat-form-field appearance="outline" class="role" subscriptSizing="dynamic">
                <mat-select
                  [(ngModel)]="roleFor[u.id]"
                  [attr.aria-label]="'Role for ' + u.email"
                  data-testid="access-request-role"
                >
                  @for (r of roles; track r.value) {
                    <mat-option [value]="r.value" [attr.data-testid]="'access-role-' + r.value">{{
                      r.label
                    }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
              <button
                mat-flat-button
                type="button"
                (click)="approve(u)"
                [disabled]="busy().has(u.id)"
                data-testid="access-approve"
              >
                Approve
              </button>
              <button
                mat-button
                type="button"
                (click)="reject(u)"
                [disabled]="busy().has(u.id)"
                data-testid="access-reject"
              >
                Reject
              </button>
            </li>
          }
        </ul>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .card {
      margin-bottom: 16px;
    }
    .rows {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    li {
      display: flex;
      align-items: center;
      gap: 12px;
      flex-wrap: wrap;
    }
    .who {
      flex: 1 1 240px;
      display: flex;
      gap: 8px;
      align-items: baseline;
      flex-wrap: wrap;
    }
    .role {
      width: 150px;
      --mat-form-field-container-height: 40px;
      --mat-form-field-container-vertical-padding: 8px;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class AccessRequestsComponent {
  private readonly api = inject(UsersApiService);
  private readonly snackBar = inject(MatSnackBar);

  /** A request was decided: the users list below should reload. */
  readonly decided = output<UserDto>();

  protected readonly roles = ROLE_OPTIONS;
  protected readonly requests = signal<UserDto[]>([]);
  protected readonly loadError = signal<string | null>(null);
  protected readonly busy = signal<ReadonlySet<string>>(new Set());
  protected readonly roleFor: Record<string, Role> = {};

  constructor() {
    this.load();
  }

  load(): void {
    this.api.list({ status: 'pending', limit: 100 }).subscribe({
      next: (page) => {
        this.loadError.set(null);
        for (const u of page.items) this.roleFor[u.id] ??= 'viewer';
        this.requests.set(page.items);
      },
      error: (err: unknown) => this.loadError.set(errorMessage(err)),
    });
  }

  protected approve(user: UserDto): void {
    const role = this.roleFor[user.id] ?? 'viewer';
    this.decide(user, this.api.approve(user.id, role), `${user.email} approved as ${role}`);
  }

  protected reject(user: UserDto): void {
    this.decide(user, this.api.reject(user.id), `${user.email} rejected`);
  }

  private decide(user: UserDto, call: ReturnType<UsersApiService['reject']>, done: string): void {
    this.setBusy(user.id, true);
    call.subscribe({
      next: (updated) => {
        this.setBusy(user.id, false);
        this.requests.update((rows) => rows.filter((r) => r.id !== user.id));
        this.snackBar.open(done, 'OK', { duration: 4000 });
        this.decided.emit(updated);
      },
      error: (err: unknown) => {
        this.setBusy(user.id, false);
        this.snackBar.open(errorMessage(err), 'Dismiss', { duration: 8000, panelClass: 'crm-snack-error' });
      },
    });
  }

  private setBusy(id: string, on: boolean): void {
    this.busy.update((set) => {
      const next = new Set(set);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }
}
