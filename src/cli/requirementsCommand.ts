/** `aiqk requirements`: placeholder until implemented. */
export async function requirementsCommand(_args: string[]): Promise<number> {
  process.stderr.write('aiqk requirements: not implemented yet\n');
  return 2;
}
