// Writes docs/program-format.schema.json from the zod schema of the program exchange format.
// `npm run docs:schema`; a test fails when the committed file is stale.
import fs from 'node:fs';
import path from 'node:path';
import { programFormatJsonSchema } from '../core/services/exchange';

export const SCHEMA_FILE = path.resolve('docs/program-format.schema.json');

fs.mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
fs.writeFileSync(SCHEMA_FILE, `${JSON.stringify(programFormatJsonSchema(), null, 2)}\n`);
console.log(`Wrote ${SCHEMA_FILE}`);
