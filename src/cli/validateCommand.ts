/** `aiqk validate`: placeholder until implemented. */
export async function validateCommand(_args: string[]): Promise<number> {
  process.stderr.write('aiqk validate: not implemented yet\n');
  return 2;
}
