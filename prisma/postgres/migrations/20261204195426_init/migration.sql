-- CreateTable
CREATE TABLE "experiments" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "artifact_location" TEXT NOT NULL,
    "lifecycle_stage" TEXT NOT NULL DEFAULT 'active',
    "creation_time" BIGINT NOT NULL,
    "last_update_time" BIGINT NOT NULL,

    CONSTRAINT "experiments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "experiment_tags" (
    "experiment_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "experiment_tags_pkey" PRIMARY KEY ("experiment_id","key")
);

-- CreateTable
CREATE TABLE "runs" (
    "id" TEXT NOT NULL,
    "experiment_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "start_time" BIGINT NOT NULL,
    "end_time" BIGINT,
    "lifecycle_stage" TEXT NOT NULL DEFAULT 'active',
    "deleted_time" BIGINT,
    "user_id" TEXT NOT NULL,
    "artifact_uri" TEXT NOT NULL,
    "parent_run_id" TEXT,

    CONSTRAINT "runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "params" (
    "run_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "params_pkey" PRIMARY KEY ("run_id","key")
);

-- CreateTable
CREATE TABLE "run_tags" (
    "run_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "run_tags_pkey" PRIMARY KEY ("run_id","key")
);

-- CreateTable
CREATE TABLE "metrics" (
    "run_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "step" BIGINT NOT NULL,
    "timestamp" BIGINT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "is_nan" BOOLEAN NOT NULL,

    CONSTRAINT "metrics_pkey" PRIMARY KEY ("run_id","key","step","timestamp","value","is_nan")
);

-- CreateTable
CREATE TABLE "latest_metrics" (
    "run_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "step" BIGINT NOT NULL,
    "timestamp" BIGINT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "is_nan" BOOLEAN NOT NULL,

    CONSTRAINT "latest_metrics_pkey" PRIMARY KEY ("run_id","key")
);

-- CreateTable
CREATE TABLE "metric_blocks" (
    "run_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "block" BIGINT NOT NULL,
    "count" INTEGER NOT NULL,
    "min_step" BIGINT,
    "min_timestamp" BIGINT,
    "min_value" DOUBLE PRECISION,
    "max_step" BIGINT,
    "max_timestamp" BIGINT,
    "max_value" DOUBLE PRECISION,
    "last_step" BIGINT NOT NULL,
    "last_timestamp" BIGINT NOT NULL,
    "last_value" DOUBLE PRECISION NOT NULL,
    "last_is_nan" BOOLEAN NOT NULL,

    CONSTRAINT "metric_blocks_pkey" PRIMARY KEY ("run_id","key","block")
);

-- CreateIndex
CREATE UNIQUE INDEX "experiments_name_key" ON "experiments"("name");

-- CreateIndex
CREATE INDEX "runs_experiment_id_start_time_idx" ON "runs"("experiment_id", "start_time");

-- CreateIndex
CREATE INDEX "runs_parent_run_id_idx" ON "runs"("parent_run_id");

-- CreateIndex
CREATE INDEX "latest_metrics_key_value_idx" ON "latest_metrics"("key", "value");

-- AddForeignKey
ALTER TABLE "experiment_tags" ADD CONSTRAINT "experiment_tags_experiment_id_fkey" FOREIGN KEY ("experiment_id") REFERENCES "experiments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "runs" ADD CONSTRAINT "runs_experiment_id_fkey" FOREIGN KEY ("experiment_id") REFERENCES "experiments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "params" ADD CONSTRAINT "params_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_tags" ADD CONSTRAINT "run_tags_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "metrics" ADD CONSTRAINT "metrics_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "latest_metrics" ADD CONSTRAINT "latest_metrics_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "metric_blocks" ADD CONSTRAINT "metric_blocks_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
