import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ClipboardModule } from '@angular/cdk/clipboard';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import {
  ConfirmService,
  ErrorBannerComponent,
  LIST_PAGE_IMPORTS,
  errorMessage,
  fieldErrors,
} from '@mini-crm/console/ui';
import {
  WEBHOOK_EVENT_TYPES,
  type WebhookDeliveryDto,
  type WebhookDto,
  type WebhookWithSecretDto,
} from '@mini-crm/contracts';
import { switchMap, take, takeWhile, timer, type Subscription } from 'rxjs';
import { WebhooksApiService } from './webhooks-api.service';

/** Admin › Webhooks: endpoints, their once-shown secrets, test events and the delivery log. */
@Component({
  selector: 'crm-webhooks-page',
  imports: [
    LIST_PAGE_IMPORTS,
    ReactiveFormsModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    ClipboardModule,
    ErrorBannerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './webhooks-page.component.html',
  styleUrl: './webhooks-page.component.scss',
})
export class WebhooksPageComponent {
  private readonly api = inject(WebhooksApiService);
  private readonly confirm = inject(ConfirmService);
  private readonly destroyRef = inject(DestroyRef);
  private watching?: Subscription;

  protected readonly eventTypes = WEBHOOK_EVENT_TYPES;
  protected readonly endpointColumns = ['url', 'events', 'state', 'actions'];
  protected readonly logColumns = ['at', 'event', 'attempt', 'status', 'duration', 'response', 'actions'];
  protected readonly endpoints = signal<WebhookDto[]>([]);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly creating = signal(false);
  protected readonly urlError = signal<string | null>(null);
  /** The secret just created or rotated: shown once, until dismissed. */
  protected readonly revealed = signal<WebhookWithSecretDto | null>(null);
  protected readonly selected = signal<WebhookDto | null>(null);
  protected readonly deliveries = signal<WebhookDeliveryDto[]>([]);
  protected readonly notice = signal<string | null>(null);
  protected readonly form = new FormGroup({
    url: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    description: new FormControl('', { nonNullable: true }),
    events: new FormControl<string[]>([], { nonNullable: true, validators: [Validators.required] }),
  });

  constructor() {
    this.reload();
  }

  protected reload(): void {
    this.loading.set(true);
    this.api.list().subscribe({
      next: (page) => {
        this.endpoints.set(page.items);
        this.loading.set(false);
        this.error.set(null);
        const current = this.selected();
        if (current) this.selected.set(page.items.find((e) => e.id === current.id) ?? null);
      },
      error: (e) => {
        this.loading.set(false);
        this.error.set(errorMessage(e));
      },
    });
  }

  protected toggleEvent(type: string, on: boolean): void {
    const now = new Set(this.form.controls.events.value);
    if (on) now.add(type);
    else now.delete(type);
    this.form.controls.events.setValue(this.eventTypes.filter((t) => now.has(t)));
  }

  protected create(): void {
    if (this.form.invalid) return;
    const { url, description, events } = this.form.getRawValue();
    this.urlError.set(null);
    this.api.create({ url: url.trim(), events, description: description.trim() || undefined }).subscribe({
      next: (created) => {
        this.revealed.set(created);
        this.creating.set(false);
        this.form.reset({ url: '', description: '', events: [] });
        this.reload();
        this.select(created);
      },
      error: (e) => this.urlError.set(fieldErrors(e)['url'] ?? errorMessage(e)),
    });
  }

  protected select(endpoint: WebhookDto): void {
    this.selected.set(endpoint);
    this.refreshLog();
  }

  protected refreshLog(): void {
    const endpoint = this.selected();
    if (!endpoint) return;
    this.api.deliveries(endpoint.id).subscribe({
      next: (page) => this.deliveries.set(page.items),
      error: (e) => this.error.set(errorMessage(e)),
    });
  }

  /** Refreshes the log every 1.5 s (30 s at most) until an attempt ≥ `attempt` of the event is in it. */
  private watch(endpointId: string, eventId: string, attempt: number): void {
    this.watching?.unsubscribe();
    this.watching = timer(0, 1500)
      .pipe(
        switchMap(() => this.api.deliveries(endpointId)),
        takeWhile((page) => !page.items.some((d) => d.eventId === eventId && d.attempt >= attempt), true),
        take(20),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (page) => {
          if (this.selected()?.id === endpointId) this.deliveries.set(page.items);
        },
        error: (e) => this.error.set(errorMessage(e)),
      });
  }

  protected sendTest(endpoint: WebhookDto): void {
    this.api.test(endpoint.id).subscribe({
      next: (queued) => {
        this.notice.set('Test event queued; it shows in the delivery log once sent.');
        this.selected.set(endpoint);
        this.watch(endpoint.id, queued.eventId, 1);
      },
      error: (e) => this.error.set(errorMessage(e)),
    });
  }

  protected rotate(endpoint: WebhookDto): void {
    this.confirm
      .ask({
        title: 'Rotate the signing secret?',
        message: 'A new secret is shown once. The current one keeps signing alongside it for 24 hours.',
        confirm: 'Rotate',
      })
      .subscribe(() =>
        this.api.rotate(endpoint.id).subscribe({
          next: (rotated) => {
            this.revealed.set(rotated);
            this.reload();
          },
          error: (e) => this.error.set(errorMessage(e)),
        }),
      );
  }

  protected setEnabled(endpoint: WebhookDto, enabled: boolean): void {
    this.api.update(endpoint.id, { enabled }).subscribe({
      next: () => this.reload(),
      error: (e) => this.error.set(errorMessage(e)),
    });
  }

  protected remove(endpoint: WebhookDto): void {
    this.confirm
      .ask({
        title: 'Delete this endpoint?',
        message: `${endpoint.url} stops receiving events; its delivery log is deleted.`,
        confirm: 'Delete',
        danger: true,
      })
      .subscribe(() =>
        this.api.remove(endpoint.id).subscribe({
          next: () => {
            if (this.selected()?.id === endpoint.id) this.selected.set(null);
            this.reload();
          },
          error: (e) => this.error.set(errorMessage(e)),
        }),
      );
  }

  protected redeliver(delivery: WebhookDeliveryDto): void {
    const endpoint = this.selected();
    if (!endpoint) return;
    this.api.redeliver(endpoint.id, delivery.id).subscribe({
      next: (queued) => {
        this.notice.set('Redelivery queued.');
        this.watch(endpoint.id, queued.eventId, delivery.attempt + 1);
      },
      error: (e) => this.error.set(errorMessage(e)),
    });
  }
}
