declare module 'numeric' {
  interface UncminResult {
    solution: number[];
    f: number;
    iterations: number;
    message: string;
  }
  const numeric: {
    uncmin(
      f: (x: number[]) => number,
      x0: number[],
      tol?: number,
      gradient?: ((x: number[]) => number[]) | undefined,
      maxit?: number,
    ): UncminResult;
  };
  export = numeric;
}
