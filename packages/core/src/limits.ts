/** MLflow's limits (mlflow/utils/validation.py); clients written for MLflow stay within them. */
export const LIMITS = {
  batchMetrics: 1000,
  batchParams: 100,
  batchTags: 100,
  batchTotal: 1000,
  requestBytes: 1024 * 1024,
  keyLength: 250,
  paramValueLength: 6000,
  runTagValueLength: 8000,
  experimentTagValueLength: 5000,
  experimentNameLength: 500,
  runNameLength: 250,
} as const;

/** Page sizes for list queries. */
export const PAGING = { defaultPageSize: 100, maxPageSize: 50_000 } as const;

/** Downsampling bounds for metric history. */
export const HISTORY = { defaultMaxPoints: 1000, maxMaxPoints: 100_000 } as const;
