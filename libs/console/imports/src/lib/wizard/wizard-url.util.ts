/** The wizard's editable steps as the URL names them (`?step=`); the first one is the URL without a step. */
export const WIZARD_STEP_NAMES = ['file', 'columns', 'options'] as const;
export type WizardStepName = (typeof WIZARD_STEP_NAMES)[number];

/** Index of a `?step=` value; unknown or missing is the first step. */
export function stepFromParam(param: string | null): number {
  const index = WIZARD_STEP_NAMES.indexOf(param as WizardStepName);
  return index === -1 ? 0 : index;
}

/**
 * The furthest step the draft allows up to `wanted`: after a refresh the file is gone (a browser cannot keep it),
 * so `?step=options` falls back to choosing the file again.
 */
export function reachableStep(wanted: number, draft: { fileRead: boolean; columnsConfirmed: boolean }): number {
  if (wanted >= 1 && !draft.fileRead) return 0;
  if (wanted >= 2 && !draft.columnsConfirmed) return 1;
  return wanted;
}
