import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The README as the installed extension holds it. vsce ships `README.md` as
 * `readme.md`, and Linux file names are case-sensitive, so the name is looked up.
 */
export interface ReadmeFile {
  /** Absolute path of the README found in the extension's folder. */
  file: string;
  /** 1-based line of each heading, by its GitHub-style anchor (`#### empty-text` → `empty-text`). */
  sections: ReadonlyMap<string, number>;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as dashes. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The line of every Markdown heading, by anchor (the first heading wins a repeated anchor). */
export function readmeSections(text: string): Map<string, number> {
  const sections = new Map<string, number>();
  let fence = false;
  text.split(/\r?\n/).forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const m = fence ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!m) return;
    const anchor = headingAnchor(m[1]);
    if (!sections.has(anchor)) sections.set(anchor, i + 1);
  });
  return sections;
}

/** Finds the README in a folder whatever its case, and reads its headings; undefined when there is none. */
export function findReadme(folder: string): ReadmeFile | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return undefined;
  }
  // The exact name first (a source checkout), then any case (the installed package).
  const name = names.includes('README.md') ? 'README.md' : names.find((n) => n.toLowerCase() === 'readme.md');
  if (!name) return undefined;
  const file = path.join(folder, name);
  try {
    return { file, sections: readmeSections(fs.readFileSync(file, 'utf8')) };
  } catch {
    return { file, sections: new Map() };
  }
}

/**
 * The link to a README section that opens from the installed package: the real file,
 * at the heading's line (VS Code's opener reads an `L<line>` fragment as a position).
 * The top of the README when the section is unknown.
 */
export function readmeSectionPath(readme: ReadmeFile, anchor: string): { file: string; fragment: string } {
  const line = readme.sections.get(anchor);
  return { file: readme.file, fragment: line ? `L${line}` : '' };
}
