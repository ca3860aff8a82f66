import { type ParseArgsConfig, parseArgs } from 'node:util';

/** Ends a command line that cannot run as given: the reason, then how to ask for help (exit 2). */
export function usageError(reason: unknown, usage?: string): never {
  const text = reason instanceof Error ? reason.message : String(reason);
  // Node's parseArgs appends advice about positionals starting with '-': not what went wrong here.
  console.error(text.replace(/\. To specify a positional argument[\s\S]*$/, '.'));
  if (usage) console.error(`\n${usage}`);
  process.exit(2);
}

/**
 * Ends a command whose servers could not start (exit 1): the reason, and `portTakenHint` when a
 * port was taken.
 */
export function startError(what: string, error: unknown, portTakenHint: string): never {
  const message = error instanceof Error ? error.message : String(error);
  const hint = /EADDRINUSE/.test(message) ? `\n${portTakenHint}` : '';
  console.error(`Could not start the ${what}: ${message}${hint}`);
  process.exit(1);
}

/**
 * Parses a command line strictly (an unknown flag is a usage error, not an API name). `--help`
 * (`-h`) prints the usage and answers `undefined`: the command has nothing more to do.
 */
export function strictArgs<const T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  usage: string,
): ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; strict: true }>> | undefined {
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
    });
    // The caller's options do not name `help`, so its type does not show it.
    const { help } = parsed.values as { help?: boolean };
    if (help) console.log(usage);
    return help ? undefined : parsed;
  } catch (error) {
    return usageError(error, usage);
  }
}

/** Runs `stop` on Ctrl+C or a termination signal, once. */
export function stopOnSignals(stop: () => unknown): void {
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
