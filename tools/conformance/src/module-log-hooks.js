// Module customization hooks (run by `importedModules`): append the URL of every module resolved to the log file.
import { appendFileSync } from 'node:fs';

const log = process.env.SWITCHBOARD_MODULE_LOG;

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (log) appendFileSync(log, `${result.url}\n`);
  return result;
}
