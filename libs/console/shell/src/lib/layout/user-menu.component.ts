import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { AuthService } from '@mini-crm/console/core';
import { UserAvatarComponent } from '@mini-crm/console/ui';

@Component({
  selector: 'crm-user-menu',
  imports: [MatButtonModule, MatMenuModule, MatIconModule, MatDividerModule, UserAvatarComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (auth.user(); as user) {
      <button
        mat-button
        class="trigger"
        [matMenuTriggerFor]="menu"
        data-testid="user-menu"
        [attr.aria-label]="'Account menu for ' + user.name"
      >
        <span class="trigger-content">
          <crm-user-avatar [name]="user.name" [email]="user.email" [src]="user.avatar" [size]="32" />
          <span class="who">
            <span class="name">{{ user.name || user.email }}</span>
            <span class="role">{{ user.role }}</span>
          </span>
          <mat-icon>expand_more</mat-icon>
        </span>
      </button>
      <mat-menu #menu="matMenu" xPosition="before">
        <div class="card" role="presentation">
          <crm-user-avatar [name]="user.name" [email]="user.email" [src]="user.avatar" [size]="44" />
          <div>
            <div class="name" data-testid="user-menu-name">{{ user.name }}</div>
            <div class="email">{{ user.email }}</div>
            <div class="role-chip" data-testid="user-menu-role">{{ user.role }}</div>
          </div>
        </div>
        <mat-divider />
        <button mat-menu-item (click)="auth.signOut()" data-testid="sign-out">
          <mat-icon>logout</mat-icon>
          <span>Sign out</span>
        </button>
      </mat-menu>
    }
  `,
  styles: `
    .trigger {
      height: 48px;
      border-radius: 24px;
      padding: 0 8px 0 4px;
      color: var(--mat-sys-on-surface);
    }
    .trigger-content {
      display: inline-flex;
      align-items: center;
      gap: 10px;
    }
    .who {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      line-height: 1.2;
      text-align: left;
    }
    .who .name {
      font: var(--mat-sys-label-large);
      max-width: 180px;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .who .role {
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
      text-transform: capitalize;
    }
    .card {
      display: flex;
      gap: 12px;
      align-items: center;
      padding: 12px 16px 16px;
      min-width: 240px;
    }
    .card .name {
      font: var(--mat-sys-title-small);
    }
    .card .email {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .role-chip {
      display: inline-block;
      margin-top: 6px;
      padding: 2px 10px;
      border-radius: 12px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font: var(--mat-sys-label-small);
      text-transform: capitalize;
    }
    @media (max-width: 599px) {
      .who {
        display: none;
      }
    }
  `,
})
export class UserMenuComponent {
  protected readonly auth = inject(AuthService);
}
