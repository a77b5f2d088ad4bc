import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, OnInit, computed, inject, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthService, PRODUCT_NAME } from '@mini-crm/console/core';
import { map } from 'rxjs';
import { ADMIN_NAV, MAIN_NAV, NavItem } from './nav-items';
import { UserMenuComponent } from './user-menu.component';

/** Signed-in frame: toolbar, side navigation (an overlay drawer on narrow screens) and the page outlet. */
@Component({
  selector: 'crm-shell-layout',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    MatIconModule,
    MatButtonModule,
    UserMenuComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell-layout.component.html',
  styleUrl: './shell-layout.component.scss',
})
export class ShellLayoutComponent implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly sidenav = viewChild.required<MatSidenav>('sidenav');

  protected readonly productName = PRODUCT_NAME;
  protected readonly compact = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 959.98px)')
      .pipe(map((s) => s.matches)),
    { initialValue: false },
  );
  /** The main links, then an "Admin" group when the user may see any admin page. */
  protected readonly navSections = computed(() => {
    const admin = this.visible(ADMIN_NAV);
    return [{ title: '', items: this.visible(MAIN_NAV) }, ...(admin.length ? [{ title: 'Admin', items: admin }] : [])];
  });

  ngOnInit(): void {
    // The stored user may be stale (role changed, deactivated); failures end the session via the interceptor.
    this.auth.reloadUser().subscribe({ error: () => undefined });
  }

  protected closeIfCompact(): void {
    if (this.compact()) void this.sidenav().close();
  }

  private visible(items: readonly NavItem[]): NavItem[] {
    return items.filter((item) => !item.roles || this.auth.hasRole(item.roles));
  }
}
