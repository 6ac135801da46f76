import { fileURLToPath } from 'node:url';

/** The picture bundled with the demo (a PNG drawn for it), used by `vision` and the tour. */
export function bundledImagePath(): string {
  return fileURLToPath(new URL('../../assets/switchboard.png', import.meta.url));
}
