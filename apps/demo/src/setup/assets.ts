import { fileURLToPath } from 'node:url';

/** A file bundled in the demo's assets folder. */
export function assetPath(name: string): string {
  return fileURLToPath(new URL(`../../assets/${name}`, import.meta.url));
}

/** The picture bundled with the demo (a PNG drawn for it), used by `vision` and the tour. */
export function bundledImagePath(): string {
  return assetPath('switchboard.png');
}
