// Removes the build outputs (dist/, dist-test/) of this package only.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

for (const dir of ['dist', 'dist-test']) {
  rmSync(fileURLToPath(new URL(`../${dir}`, import.meta.url)), { recursive: true, force: true });
}
