import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectChange, MatSelectModule } from '@angular/material/select';
import { MatSlideToggleChange, MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { AuthService } from '@mini-crm/console/core';
import {
  LIST_PAGE_IMPORTS,
  UserAvatarComponent,
  cursorPagedList,
  errorMessage,
  searchTerms,
} from '@mini-crm/console/ui';
import type { Role, UpdateUserDto, UserDto } from '@mini-crm/contracts';
import { AccessRequestsComponent } from './access-requests.component';
import { InvitesSectionComponent } from './invites-section.component';
import { ROLE_OPTIONS } from './role-options';
import { UsersApiService } from './users-api.service';

@Component({
  selector: 'crm-users-page',
  imports: [
    LIST_PAGE_IMPORTS,
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatSnackBarModule,
    UserAvatarComponent,
    AccessRequestsComponent,
    InvitesSectionComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './users-page.component.html',
  styleUrl: './users-page.component.scss',
})
export class UsersPageComponent {
  private readonly api = inject(UsersApiService);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly columns = ['user', 'email', 'role', 'active', 'lastLoginAt', 'createdAt'];
  protected readonly roles = ROLE_OPTIONS;
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly list = cursorPagedList((q: string, cursor) => this.api.list({ q, cursor }));
  protected readonly pending = signal<ReadonlySet<string>>(new Set());
  protected readonly meId = computed(() => this.auth.user()?.id ?? null);

  constructor() {
    searchTerms(this.search)
      .pipe(takeUntilDestroyed())
      .subscribe((q) => this.list.load(q));

    this.list.load('');
  }

  /** A pending user was approved or rejected: the table shows their new standing. */
  protected reload(): void {
    this.list.load(this.search.value);
  }

  protected clearSearch(): void {
    this.search.setValue('');
  }

  protected changeRole(user: UserDto, event: MatSelectChange): void {
    const role = event.value as Role;
    if (role === user.role) return;
    this.patch(
      user,
      { role },
      () => (event.source.value = user.role),
      (u) => `Role changed: ${label(u)} is now ${roleLabel(u.role)}`,
    );
  }

  protected changeActive(user: UserDto, event: MatSlideToggleChange): void {
    this.patch(
      user,
      { active: event.checked },
      () => (event.source.checked = user.active),
      (u) => `Access changed: ${label(u)} was ${u.active ? 'activated' : 'deactivated'}`,
    );
  }

  protected isPending(id: string): boolean {
    return this.pending().has(id);
  }

  private patch(user: UserDto, change: UpdateUserDto, revert: () => void, success: (u: UserDto) => string): void {
    this.setPending(user.id, true);
    this.api.update(user.id, change).subscribe({
      next: (updated) => {
        this.setPending(user.id, false);
        this.list.update((users) => users.map((u) => (u.id === updated.id ? updated : u)));
        this.snackBar.open(success(updated), 'OK', { duration: 4000 });
        if (updated.id === this.meId()) this.refreshSelf();
      },
      error: (err: unknown) => {
        this.setPending(user.id, false);
        revert();
        this.snackBar.open(errorMessage(err), 'Dismiss', { duration: 8000, panelClass: 'crm-snack-error' });
      },
    });
  }

  /** After changing one's own role the navigation and guards must follow. */
  private refreshSelf(): void {
    this.auth.reloadUser().subscribe({
      next: (me) => {
        if (me.role !== 'admin') void this.router.navigateByUrl('/');
      },
      error: () => undefined,
    });
  }

  private setPending(id: string, on: boolean): void {
    this.pending.update((set) => {
      const next = new Set(set);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }
}

function label(user: UserDto): string {
  return user.name || user.email;
}

function roleLabel(role: Role): string {
  return ROLE_OPTIONS.find((r) => r.value === role)?.label ?? role;
}
