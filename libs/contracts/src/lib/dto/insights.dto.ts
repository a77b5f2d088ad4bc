/** BG/NBD parameters, time unit days (Fader, Hardie & Lee 2005). */
export class BgNbdParamsDto {
  r!: number;
  /** Scale of the purchase-rate distribution, in days. */
  alpha!: number;
  a!: number;
  b!: number;
}

/** Gamma-Gamma spend parameters. */
export class GammaGammaParamsDto {
  p!: number;
  q!: number;
  gamma!: number;
}

/** The customer model in use: the latest successful run. */
export class InsightsModelDto {
  model!: 'bg-nbd';
  timeUnit!: 'day';
  params!: BgNbdParamsDto;
  /** Null when too few customers had repeat orders to fit the spend model (see `spendNote`). */
  spend!: GammaGammaParamsDto | null;
  spendNote!: string | null;
  /** Customers the models were fitted on (a uniform sample above INSIGHTS_FIT_SAMPLE_SIZE). */
  customers!: number;
  /** Customers scored (every customer with orders). */
  scored!: number;
  logLikelihood!: number;
  fittedAt!: string;
}

export class InsightsRunResultDto {
  modelId!: string | null;
  customers!: number;
  scored!: number;
  /** Set when the run gave way to one already running on another instance. */
  skipped?: string;
}

/** A model run: queued, running (progress 0–100), completed or failed (with the reason). */
export class InsightsJobDto {
  id!: string;
  /** BullMQ state: waiting, delayed, active, completed, failed. */
  state!: string;
  progress!: number;
  result!: InsightsRunResultDto | null;
  failedReason!: string | null;
}
