/** Entry point of the `aiqk` command line: dispatches to one module per command. */
import { exitSoonAfter } from './signals';

const USAGE = `Usage: aiqk <command> [options]

Commands:
  validate [paths...]            check run profiles and their datasets (default: current folder)
  requirements <profile>         print the requirements matrix and whether the run may start
  run <profile> [options]        run the profile's suites and write reports
  merge <reports or folder> --out <dir>   join shard reports into one
  serve [options]                run the team server (the orchestrator API)
  mcp [--root <folder>]          serve validate, run, read and compare as MCP tools on stdio, for agents
  help                           this text

Run "aiqk <command> --help" for a command's options.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return (await import('./validateCommand')).validateCommand(rest);
    case 'requirements':
      return (await import('./requirementsCommand')).requirementsCommand(rest);
    case 'run':
      return (await import('./runCommand')).runCommand(rest);
    case 'merge':
      return (await import('./mergeCommand')).mergeCommand(rest);
    case 'serve':
      return (await import('./serveCommand')).serveCommand(rest);
    case 'mcp':
      process.stdout.removeListener('error', onStdoutError);
      return (await import('./mcpCommand')).mcpCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`aiqk: unknown command '${command}'\n\n${USAGE}`);
      return 2;
  }
}

// Deprecation warnings come from dependencies and are nothing a user can act on.
process.noDeprecation = true;

// Output piped into `head` and the like: stop quietly when the reader goes away.
// (`aiqk mcp` handles its own: a client gone mid-run still gets its partial report.)
function onStdoutError(err: NodeJS.ErrnoException): void {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
}
process.stdout.on('error', onStdoutError);

main(process.argv.slice(2)).then(
  // The reports are written: nothing may keep the process alive for long (an MCP
  // server's pipe held by a grandchild, a socket that never closes).
  (code) => exitSoonAfter(code, 3000),
  (err: unknown) => {
    process.stderr.write(`aiqk: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
