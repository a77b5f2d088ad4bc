/** A model that could not be fitted, with the reason in words (never a silent nonsense estimate). */
export class ModelFitError extends Error {
  constructor(
    readonly model: 'bg-nbd' | 'gamma-gamma',
    readonly reason: string,
  ) {
    super(`${model} fit failed: ${reason}`);
    this.name = 'ModelFitError';
  }
}
