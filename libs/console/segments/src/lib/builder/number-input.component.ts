import { ChangeDetectionStrategy, Component, input, linkedSignal, output } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { parseNumberText } from '../rules/value-text.util';

/**
 * A number box that keeps what the person typed ("1." stays "1." while the value is 1) and
 * emits the parsed number (null when empty, NaN when not a number).
 */
@Component({
  selector: 'crm-number-input',
  imports: [MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field subscriptSizing="dynamic" class="box" [class.invalid]="invalid()">
      <mat-label>{{ label() }}</mat-label>
      @if (prefix()) {
        <span matTextPrefix class="affix">{{ prefix() }}&nbsp;</span>
      }
      <input
        matInput
        inputmode="decimal"
        autocomplete="off"
        [value]="text()"
        (input)="onInput($event)"
        [attr.data-testid]="testId()"
        [attr.aria-invalid]="invalid()"
      />
      @if (suffix()) {
        <span matTextSuffix class="affix">&nbsp;{{ suffix() }}</span>
      }
    </mat-form-field>
  `,
  styles: `
    :host {
      display: inline-block;
    }
    .box {
      width: 100%;
    }
    .invalid {
      --mat-form-field-outlined-outline-color: var(--mat-sys-error);
      --mat-form-field-outlined-hover-outline-color: var(--mat-sys-error);
    }
    .affix {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class NumberInputComponent {
  readonly value = input<number | null | undefined>(null);
  readonly label = input('Value');
  readonly prefix = input('');
  readonly suffix = input('');
  readonly invalid = input(false);
  readonly testId = input('value-input');
  readonly valueChange = output<number | null>();

  protected readonly text = linkedSignal<number | null | undefined, string>({
    source: this.value,
    computation: (value, previous) => {
      if (previous !== undefined) {
        const typed = parseNumberText(previous.value);
        if (typed === value || (Number.isNaN(typed) && value !== null && Number.isNaN(value as number)))
          return previous.value;
      }
      return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
    },
  });

  protected onInput(event: Event): void {
    const raw = (event.target as HTMLInputElement).value;
    this.text.set(raw);
    this.valueChange.emit(parseNumberText(raw));
  }
}
