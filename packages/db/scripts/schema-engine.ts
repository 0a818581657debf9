/**
 * Prisma's schema engine as WebAssembly, for machines that cannot download its native binary (see
 * README, "Migrations"). Development tooling only: the server applies migrations without it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

const require = createRequire(import.meta.url);

type Glue = { SchemaEngine: { new: (...args: unknown[]) => Promise<SchemaEngine> } };
let loaded: Promise<Glue> | undefined;

function instantiate(): Promise<Glue> {
  loaded ??= (async () => {
    const packageDir = path.dirname(require.resolve('@prisma/schema-engine-wasm'));
    // The engine reports Rust panics through this global; without it a panic hides its message.
    const panic = { message: '', set_message(message: string) { panic.message = message; } };
    (globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = panic;
    // Node 20 cannot import a .wasm module, so instantiate it by hand, as @prisma/internals does.
    const glue = await import(path.join(packageDir, 'schema_engine_bg.js'));
    const module = new WebAssembly.Module(readFileSync(path.join(packageDir, 'schema_engine_bg.wasm')));
    const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    process.on('exit', () => {
      if (panic.message) console.error(`Prisma's schema engine panicked: ${panic.message}`);
    });
    return glue as Glue;
  })();
  return loaded;
}

export async function loadSchemaEngine(
  datamodel: { path: string; content: string },
  adapterFactory: Parameters<typeof bindMigrationAwareSqlAdapterFactory>[0],
): Promise<SchemaEngine> {
  const glue = await instantiate();
  const log = (line: string) => {
    if (process.env.CONTRAIL_DEBUG_SCHEMA_ENGINE) console.error(line);
  };
  return glue.SchemaEngine.new(
    { datamodels: [[datamodel.path, datamodel.content]] },
    log,
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
}

export const noFilters = { externalTables: [], externalEnums: [] };
