// Tolerant readers of the auth, provider and model steps. A secret typed into
// the auth step is recognised, handed to the host for secret storage and never
// kept in the answers: the profile only ever names it.
import { looksLikeSecret } from '../secrets/keyShapes';
import type { WizardAnswers } from './answers';
import { OPENAI_COMPATIBLE_MODELS, PROVIDERS, providerById } from './catalog';
import type { StepOutcome } from './outcome';
import { accept, reject } from './outcome';
import { closeTo, findAliases, isSkip, normalize, yesNo } from './textMatch';

/** The shape of a secret's name (an environment variable name). */
export const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** The secret name the wizard proposes for the current target. */
export function defaultSecretName(answers: WizardAnswers): string {
  if (answers.protocol === 'openai') return 'OPENAI_API_KEY';
  return providerById(answers.provider)?.keyEnv ?? 'AIQK_TOKEN';
}

/**
 * Step "auth": no key, the name of an environment variable (or stored secret),
 * or the key itself, which the host stores in secret storage under a name.
 */
export function parseAuth(text: string, answers: WizardAnswers): StepOutcome {
  const raw = text.trim();
  const assigned = /^([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]\s*(\S+)$/.exec(raw);
  if (assigned && looksLikeSecret(assigned[2])) {
    return accept(
      { authEnv: assigned[1] },
      {
        secret: { name: assigned[1], value: assigned[2].replace(/^bearer\s+/i, '') },
        reply: `Stored the key in VS Code's secret storage as ${assigned[1]}; the profile refers to it by that name only.`,
      },
    );
  }
  if (looksLikeSecret(raw)) {
    const name = defaultSecretName(answers);
    return accept(
      { authEnv: name },
      {
        secret: { name, value: raw.replace(/^bearer\s+/i, '') },
        reply: `That looks like a key: stored it in VS Code's secret storage as ${name} (never in the profile, never shown again).`,
      },
    );
  }
  const n = normalize(raw);
  if (
    isSkip(raw) ||
    yesNo(raw) === 'no' ||
    /^(no (key|auth|token|authentication|api key)|without (a )?(key|auth)|open|public|none needed|not needed|no need|unauthenticated|anonymous)( needed| required)?$/.test(
      n,
    )
  ) {
    return accept({ authEnv: undefined }, { reply: 'No key: requests go without an Authorization header.' });
  }
  const name = secretNameIn(raw);
  if (name) {
    return accept(
      { authEnv: name },
      { reply: `The token is read from ${name} (an environment variable, or a secret stored with “AI Quality: Set API Key”).` },
    );
  }
  if (yesNo(raw) === 'yes' || /\b(key|token|bearer|auth|authorization|password|credential)s?\b/.test(n)) {
    return reject(
      `Where is the key? Type the name of the environment variable that holds it (e.g. ${defaultSecretName(answers)}), or paste the key itself: it is stored in VS Code's secret storage, not in the profile.`,
    );
  }
  return reject(
    `I could not tell a key's name from “${raw}”. Type an environment variable name such as ${defaultSecretName(answers)}, paste the key to store it securely, or answer “no key”.`,
  );
}

const NOT_A_NAME =
  /^(the|a|an|my|our|its|it|is|in|env|environment|var|variable|secret|key|api|token|named|called|name|stored|from|use|using|bearer|auth|header|value)$/i;

/** The secret name an answer gives: `$NAME`, `${NAME}`, `%NAME%`, an UPPER_CASE word, or a word after "env"/"variable"/"named". */
export function secretNameIn(raw: string): string | undefined {
  const candidates: string[] = [];
  for (const m of raw.matchAll(/(?:\$\{?|%)([A-Za-z_][A-Za-z0-9_.-]*)\}?%?/g)) candidates.push(m[1]);
  for (const m of raw.matchAll(/\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{3,}[0-9]*)\b/g)) candidates.push(m[1]);
  for (const m of raw.matchAll(
    /\b(?:env(?:ironment)?(?:\s+var(?:iable)?)?|var(?:iable)?|secret|named|called)\s*(?:named|called|is|=|:)?\s*[`'"]?([A-Za-z_][A-Za-z0-9_.-]*)/gi,
  ))
    candidates.push(m[1]);
  const plain = raw.trim().replace(/^[`'"]|[`'"]$/g, '');
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(plain) && /[_A-Z]/.test(plain)) candidates.push(plain);
  return candidates.find((c) => SECRET_NAME.test(c) && !NOT_A_NAME.test(c) && !/^(API|KEY|TOKEN|ENV|MCP|HTTP|URL|JSON|OK|NO|YES)$/.test(c));
}

/** Step "provider": passed through to an /ask API; known names are matched with typos, others kept as typed. */
export function parseProvider(text: string): StepOutcome {
  if (isSkip(text)) return accept({ provider: undefined });
  const table = PROVIDERS.map((p) => ({ id: p.id, aliases: [p.id, p.label, ...p.aliases] }));
  const { found, rest } = findAliases(text, table);
  if (found.length > 1) return reject(`That names several providers (${found.join(', ')}). Which one does the API use?`);
  if (found.length === 1) {
    const model = modelIn(rest, found[0]);
    return accept({ provider: found[0], ...(model ? { model } : {}) }, model ? { covers: ['model'] } : {});
  }
  const word = normalize(text)
    .replace(/^(provider|use|the)\s+/, '')
    .trim();
  if (/^[a-z0-9][a-z0-9._-]{0,40}$/.test(word))
    return accept({ provider: word }, { reply: `Provider “${word}” is passed to the API as it is.` });
  return reject(`A provider is one word, such as openai, anthropic, gemini or ollama. “${text.trim()}” is not one.`);
}

function modelIn(rest: string, provider: string): string | undefined {
  const words = rest.split(/\s+/).filter((w) => /^[a-z0-9][\w.:/-]*$/i.test(w) && !/^(model|with|using|and|the|provider)$/i.test(w));
  if (words.length === 0) return undefined;
  const known = providerById(provider)?.models ?? [];
  return known.find((m) => compact(m) === compact(words.join(''))) ?? (words.length === 1 ? words[0] : undefined);
}

function compact(s: string): string {
  return s.toLowerCase().replace(/[\s_-]+/g, '');
}

/** The models to suggest for the current answers. */
export function suggestedModels(answers: WizardAnswers): readonly string[] {
  return providerById(answers.provider)?.models ?? (answers.protocol === 'openai' ? OPENAI_COMPATIBLE_MODELS : PROVIDERS[0].models);
}

/** Step "model": a model name as the target expects it; known names are matched loosely ("4o mini"). */
export function parseModel(text: string, answers: WizardAnswers): StepOutcome {
  if (isSkip(text))
    return accept(
      { model: undefined },
      {
        reply:
          answers.protocol === 'openai'
            ? 'No model: the server uses its default (many servers require one; set target.model if requests fail).'
            : 'No model: the target chooses.',
      },
    );
  const cleaned = text
    .trim()
    .replace(/^(?:the\s+)?(?:model\s*(?:is|=|:)?\s*|use\s+)/i, '')
    .replace(/[`'"]/g, '')
    .trim();
  const all = [...suggestedModels(answers), ...PROVIDERS.flatMap((p) => p.models)];
  const exact = all.find((m) => compact(m) === compact(cleaned) || compact(m) === compact(`gpt-${cleaned}`));
  if (exact) return accept({ model: exact });
  if (/^[\w.:/@-]{1,120}$/.test(cleaned)) {
    const near = all.find((m) => closeTo(cleaned.toLowerCase(), m));
    return accept(
      { model: cleaned },
      near && near !== cleaned ? { reply: `Using “${cleaned}” as typed (did you mean ${near}? Edit this step to change it).` } : {},
    );
  }
  return reject(
    `A model name is one word, like ${suggestedModels(answers)[0]}. “${text.trim()}” has spaces or characters a model name cannot have.`,
  );
}
