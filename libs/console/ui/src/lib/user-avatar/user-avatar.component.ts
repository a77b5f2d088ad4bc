import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { initials } from './initials.util';

/** Round avatar: the picture when there is one (and it loads), else initials on a tinted disc. */
@Component({
  selector: 'crm-user-avatar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (src() && !failed()) {
      <img [src]="src()" [alt]="''" referrerpolicy="no-referrer" (error)="failed.set(true)" />
    } @else {
      <span aria-hidden="true">{{ letters() }}</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      flex: none;
      width: var(--crm-avatar-size, 36px);
      height: var(--crm-avatar-size, 36px);
      border-radius: 50%;
      overflow: hidden;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
      font: var(--mat-sys-label-large);
      font-size: calc(var(--crm-avatar-size, 36px) * 0.4);
      user-select: none;
    }
    img {
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
  `,
  host: { '[style.--crm-avatar-size.px]': 'size()', '[attr.title]': 'name() || email()' },
})
export class UserAvatarComponent {
  readonly name = input<string | null | undefined>('');
  readonly email = input<string | null | undefined>('');
  readonly src = input<string | null | undefined>(null);
  readonly size = input(36);
  protected readonly failed = signal(false);
  protected readonly letters = computed(() => initials(this.name(), this.email()));
}
