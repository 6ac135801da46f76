import { askCommand } from './ask.js';
import type { Command } from './command.js';
import { embedCommand } from './embed.js';
import { imageCommand } from './image.js';
import { mockCommand } from './mock.js';
import { tourCommand } from './tour.js';
import { visionCommand } from './vision.js';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: Command[] = [tourCommand, askCommand, visionCommand, imageCommand, embedCommand, mockCommand];

/** What `switchboard-demo` with no subcommand runs. */
export const DEFAULT_COMMAND = 'tour';
