/** Packs the CLI bundle at `cli` into `<out>/<name>-<version>.tgz`; returns the tarball's path. */
export function packCli(options?: { cli?: string; out?: string }): string;
