// Entry point for ctest: checks the setup, then runs every *.test.mjs with node:test.
// Usage: node run.mjs [test files...]   (env CSC_REPO_ROOT, CSC_BUILD_DIR)

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

if (!fs.existsSync(path.join(here, 'node_modules', 'json-rpc-2.0', 'package.json'))) {
  console.error('tests/e2e: node_modules is missing: run `npm ci` in tests/e2e (the suite needs json-rpc-2.0)');
  process.exit(1);
}

const files = process.argv.slice(2).length > 0 ? process.argv.slice(2)
  : fs.readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort();
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...files],
  { cwd: here, stdio: 'inherit' });
process.exit(result.status ?? 1);
