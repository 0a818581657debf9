import { randomUUID } from 'node:crypto';

/** A run id: 32 lowercase hex characters, like MLflow's uuid4().hex. */
export const newRunId = (): string => randomUUID().replaceAll('-', '');

export const RUN_ID_PATTERN = /^[0-9a-f]{32}$/;
