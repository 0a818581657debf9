import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { derivePostgresSchema } from '../src/derive-postgres.js';
import { schemaPath } from '../src/paths.js';

const target = schemaPath('postgresql');
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, derivePostgresSchema(readFileSync(schemaPath('sqlite'), 'utf8')));
console.log(`wrote ${path.relative(process.cwd(), target)}`);
