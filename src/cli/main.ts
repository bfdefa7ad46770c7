/** Entry point of the `aiqk` command line. */
async function main(argv: string[]): Promise<number> {
  process.stdout.write(`aiqk: ${argv.join(' ')}\n`);
  return 0;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
