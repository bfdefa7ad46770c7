/** `aiqk run`: placeholder until implemented. */
export async function runCommand(_args: string[]): Promise<number> {
  process.stderr.write('aiqk run: not implemented yet\n');
  return 2;
}
