import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatStepperModule } from '@angular/material/stepper';

/** A wizard step's footer: Back (except on the first step) and Next. The page styles the host. */
@Component({
  selector: 'crm-step-next-actions',
  imports: [MatButtonModule, MatIconModule, MatStepperModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (back()) {
      <button mat-button type="button" matStepperPrevious>Back</button>
    }
    <button mat-flat-button type="button" (click)="next.emit()" data-testid="wizard-next">
      Next<mat-icon iconPositionEnd>arrow_forward</mat-icon>
    </button>
  `,
})
export class StepNextActionsComponent {
  readonly back = input(true);
  readonly next = output();
}
