/** `aiqk merge`: placeholder until implemented. */
export async function mergeCommand(_args: string[]): Promise<number> {
  process.stderr.write('aiqk merge: not implemented yet\n');
  return 2;
}
