import { askCommand } from './ask.js';
import { batchCommand } from './batch.js';
import { chatCommand } from './chat.js';
import type { Command } from './command.js';
import { embedCommand } from './embed.js';
import { evalCommand } from './eval.js';
import { imageCommand } from './image.js';
import { mockCommand } from './mock.js';
import { realtimeCommand } from './realtime.js';
import { tokensCommand } from './tokens.js';
import { tourCommand } from './tour.js';
import { visionCommand } from './vision.js';
import { workersCommand } from './workers.js';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: Command[] = [
  tourCommand,
  chatCommand,
  askCommand,
  visionCommand,
  imageCommand,
  embedCommand,
  tokensCommand,
  realtimeCommand,
  batchCommand,
  evalCommand,
  workersCommand,
  mockCommand,
];

/** What `switchboard-demo` with no subcommand runs. */
export const DEFAULT_COMMAND = 'tour';
