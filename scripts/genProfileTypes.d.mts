/** Renders the TypeScript source for the run-profile schema. */
export function renderProfileTypes(): Promise<string>;
