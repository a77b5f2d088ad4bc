import { reachableStep, stepFromParam } from './wizard-url.util';

describe('wizard URL steps', () => {
  it('reads ?step=, unknown or missing meaning the first step', () => {
    expect(stepFromParam('columns')).toBe(1);
    expect(stepFromParam('options')).toBe(2);
    expect(stepFromParam(null)).toBe(0);
    expect(stepFromParam('progress')).toBe(0);
  });

  it('falls back to the furthest step the draft allows', () => {
    expect(reachableStep(2, { fileRead: false, columnsConfirmed: false })).toBe(0);
    expect(reachableStep(2, { fileRead: true, columnsConfirmed: false })).toBe(1);
    expect(reachableStep(2, { fileRead: true, columnsConfirmed: true })).toBe(2);
    expect(reachableStep(1, { fileRead: true, columnsConfirmed: false })).toBe(1);
  });
});
