/** package.json text with `contributes.languageModelTools` written from the agent tools. */
export function renderPackageJson(text: string): string;
