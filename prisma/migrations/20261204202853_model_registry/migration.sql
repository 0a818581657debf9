-- CreateTable
CREATE TABLE "registered_models" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "creation_time" BIGINT NOT NULL,
    "last_update_time" BIGINT NOT NULL,
    "last_version" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "registered_model_tags" (
    "model_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    PRIMARY KEY ("model_id", "key"),
    CONSTRAINT "registered_model_tags_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "registered_models" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "model_versions" (
    "model_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "run_id" TEXT,
    "user_id" TEXT,
    "status" TEXT NOT NULL DEFAULT 'READY',
    "current_stage" TEXT NOT NULL DEFAULT 'None',
    "description" TEXT NOT NULL DEFAULT '',
    "creation_time" BIGINT NOT NULL,
    "last_update_time" BIGINT NOT NULL,

    PRIMARY KEY ("model_id", "version"),
    CONSTRAINT "model_versions_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "registered_models" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "model_version_tags" (
    "model_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    PRIMARY KEY ("model_id", "version", "key"),
    CONSTRAINT "model_version_tags_model_id_version_fkey" FOREIGN KEY ("model_id", "version") REFERENCES "model_versions" ("model_id", "version") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "model_aliases" (
    "model_id" INTEGER NOT NULL,
    "alias" TEXT NOT NULL,
    "version" INTEGER NOT NULL,

    PRIMARY KEY ("model_id", "alias"),
    CONSTRAINT "model_aliases_model_id_version_fkey" FOREIGN KEY ("model_id", "version") REFERENCES "model_versions" ("model_id", "version") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "alias_events" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "model_id" INTEGER NOT NULL,
    "alias" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "previous_version" INTEGER,
    "new_version" INTEGER,
    "actor" TEXT NOT NULL,
    "time" BIGINT NOT NULL,
    CONSTRAINT "alias_events_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "registered_models" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "webhooks" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "events" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "creation_time" BIGINT NOT NULL,
    "last_update_time" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "webhook_id" INTEGER NOT NULL,
    "event_id" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_response_code" INTEGER,
    "last_error" TEXT,
    "next_attempt_time" BIGINT,
    "creation_time" BIGINT NOT NULL,
    "last_attempt_time" BIGINT,
    CONSTRAINT "webhook_deliveries_webhook_id_fkey" FOREIGN KEY ("webhook_id") REFERENCES "webhooks" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "registered_models_name_key" ON "registered_models"("name");

-- CreateIndex
CREATE INDEX "model_versions_run_id_idx" ON "model_versions"("run_id");

-- CreateIndex
CREATE INDEX "model_aliases_model_id_version_idx" ON "model_aliases"("model_id", "version");

-- CreateIndex
CREATE INDEX "alias_events_model_id_id_idx" ON "alias_events"("model_id", "id");

-- CreateIndex
CREATE INDEX "webhook_deliveries_status_next_attempt_time_idx" ON "webhook_deliveries"("status", "next_attempt_time");

-- CreateIndex
CREATE INDEX "webhook_deliveries_webhook_id_id_idx" ON "webhook_deliveries"("webhook_id", "id");
