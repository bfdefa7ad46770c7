import type { ParseArgsConfig } from 'node:util';
import { parseArgs } from 'node:util';
import { didYouMean } from '../engine/config/schemaMessages';

/**
 * Node's parseArgs with errors a person can act on: an unknown option names the
 * nearest known one (`--suite` → `--suites`), a missing value says which.
 */
export function parseOptions<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new Error(optionError(err, Object.keys(config.options ?? {})), { cause: err });
  }
}

/** The plain sentence for an error of parseArgs, given the command's option names. */
export function optionError(err: unknown, known: readonly string[]): string {
  const e = err as { code?: string; message?: string };
  const message = e.message ?? String(err);
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    const name = option.replace(/^-+/, '').replace(/=.*$/, '');
    const near = didYouMean(name, known);
    return near ? `unknown option ${option}; did you mean --${near}?` : `unknown option ${option} (see --help)`;
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    const name = option.replace(/^-+/, '');
    return /argument missing/.test(message) ? `${option} needs a value: --${name} <value>` : `${option} takes no value`;
  }
  if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument: ${/'([^']+)'/.exec(message)?.[1] ?? message}`;
  return message;
}
