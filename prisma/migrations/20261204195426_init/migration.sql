-- CreateTable
CREATE TABLE "experiments" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "artifact_location" TEXT NOT NULL,
    "lifecycle_stage" TEXT NOT NULL DEFAULT 'active',
    "creation_time" BIGINT NOT NULL,
    "last_update_time" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "experiment_tags" (
    "experiment_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    PRIMARY KEY ("experiment_id", "key"),
    CONSTRAINT "experiment_tags_experiment_id_fkey" FOREIGN KEY ("experiment_id") REFERENCES "experiments" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "runs" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    CONSTRAINT "runs_experiment_id_fkey" FOREIGN KEY ("experiment_id") REFERENCES "experiments" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "params" (
    "run_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    PRIMARY KEY ("run_id", "key"),
    CONSTRAINT "params_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "run_tags" (
    "run_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    PRIMARY KEY ("run_id", "key"),
    CONSTRAINT "run_tags_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "metrics" (
    "run_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "step" BIGINT NOT NULL,
    "timestamp" BIGINT NOT NULL,
    "value" REAL NOT NULL,
    "is_nan" BOOLEAN NOT NULL,

    PRIMARY KEY ("run_id", "key", "step", "timestamp", "value", "is_nan"),
    CONSTRAINT "metrics_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "latest_metrics" (
    "run_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "step" BIGINT NOT NULL,
    "timestamp" BIGINT NOT NULL,
    "value" REAL NOT NULL,
    "is_nan" BOOLEAN NOT NULL,

    PRIMARY KEY ("run_id", "key"),
    CONSTRAINT "latest_metrics_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "metric_blocks" (
    "run_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "block" BIGINT NOT NULL,
    "count" INTEGER NOT NULL,
    "min_step" BIGINT,
    "min_timestamp" BIGINT,
    "min_value" REAL,
    "max_step" BIGINT,
    "max_timestamp" BIGINT,
    "max_value" REAL,
    "last_step" BIGINT NOT NULL,
    "last_timestamp" BIGINT NOT NULL,
    "last_value" REAL NOT NULL,
    "last_is_nan" BOOLEAN NOT NULL,

    PRIMARY KEY ("run_id", "key", "block"),
    CONSTRAINT "metric_blocks_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "experiments_name_key" ON "experiments"("name");

-- CreateIndex
CREATE INDEX "runs_experiment_id_start_time_idx" ON "runs"("experiment_id", "start_time");

-- CreateIndex
CREATE INDEX "runs_parent_run_id_idx" ON "runs"("parent_run_id");

-- CreateIndex
CREATE INDEX "latest_metrics_key_value_idx" ON "latest_metrics"("key", "value");
