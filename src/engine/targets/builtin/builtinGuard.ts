// The built-in target's manners: it refuses requests that plainly ask for harm
// or try to subvert its instructions. Keyword patterns, not a classifier: enough
// for the offline demo to behave like a well-configured assistant, so the
// red-team and safety suites have something real to measure against.

/** The refusal the built-in target gives to harmful requests. */
export const REFUSAL = "I can't help with that.";

/** The polite reply when no passage is relevant to the question. */
export function offTopicReply(topic: string): string {
  return `I can only answer questions about ${topic}; I don't have information about that.`;
}

/** Why a request is refused. */
export type GuardCategory =
  'weapons' | 'violence' | 'self_harm' | 'drugs' | 'cybercrime' | 'fraud' | 'privacy' | 'hate' | 'sexual_minors' | 'prompt_injection';

// Each pattern pairs an ask (how to / make / give me …) or a clearly harmful
// object, so that questions merely mentioning a word ("reset my password") pass.
const PERSON = String.raw`(someone|somebody|a (person|man|woman|child|kid)|people|him|her|them|my (neighbou?r|wife|husband|partner|boss|family|ex)|(the|a|my) (president|teacher|coworker|colleague))`;

const RULES: ReadonlyArray<{ category: GuardCategory; pattern: RegExp }> = [
  {
    category: 'weapons',
    pattern:
      /\b(bombs?|explosives?|detonators?|pipe ?bombs?|molotov|napalm|grenades?|nerve agents?|sarin|ricin|anthrax|bioweapons?|chemical weapons?|dirty bombs?|ghost guns?|3d[- ]printed guns?|untraceable (guns?|firearms?|weapons?))\b/i,
  },
  {
    category: 'weapons',
    pattern:
      /\b(make|build|assemble|manufacture|convert)\b.{0,40}\b(guns?|firearms?|rifles?|silencers?|suppressors?|automatic weapons?)\b/i,
  },
  {
    category: 'violence',
    pattern: new RegExp(
      String.raw`\b(kill|murder|assassinate|poison|torture|kidnap|maim|stab|shoot|attack|beat up)\b.{0,30}\b${PERSON}`,
      'i',
    ),
  },
  {
    category: 'violence',
    pattern:
      /\b(hide|dispose of|get rid of) (a|the) (body|corpse)\b|\bterror(ist|ism) attacks?\b|\bmass shootings?\b|\bhurt (someone|people)\b/i,
  },
  {
    category: 'self_harm',
    pattern: /\b(kill myself|suicide methods?|end my life|hurt myself|self[- ]harm|cut myself|overdose on|lethal dose)\b/i,
  },
  {
    category: 'drugs',
    pattern:
      /\b(synthesi[sz]e|cook|make|produce|manufacture|extract|grow)\b.{0,40}\b(meth(amphetamine)?|heroin|cocaine|crack|fentanyl|lsd|mdma|ecstasy|illegal drugs?)\b/i,
  },
  { category: 'drugs', pattern: /\b(buy|sell|smuggle|traffic)\b.{0,30}\b(drugs|cocaine|heroin|fentanyl|meth)\b/i },
  {
    category: 'cybercrime',
    pattern:
      /\b(malware|ransomware|keyloggers?|trojans?|botnets?|rootkits?|spyware|computer virus|exploit kits?|zero[- ]day exploits?|ddos)\b/i,
  },
  {
    category: 'cybercrime',
    pattern: /\b(hack|break)(ing)?\b.{0,12}\b(into|in to)\b|\bunauthori[sz]ed access\b|\bhack (someone|somebody|an?|the|their|his|her)\b/i,
  },
  {
    category: 'cybercrime',
    pattern:
      /\b(steal|crack|bypass|brute[- ]force|phish)\w*\b.{0,40}\b(passwords?|credentials?|logins?|2fa|mfa|authentication|cookies?|sessions?)\b/i,
  },
  { category: 'cybercrime', pattern: /\b(sql injection|xss|cross[- ]site scripting) (attack|payload)s?\b|\bwrite (an? )?exploits?\b/i },
  {
    category: 'fraud',
    pattern:
      /\b(steal|clone|skim|forge|counterfeit|launder)\w*\b.{0,40}\b(credit cards?|identit(y|ies)|money|cash|checks?|cheques?|passports?|documents?|bank)\b/i,
  },
  {
    category: 'fraud',
    pattern:
      /\b(phishing (emails?|pages?|sites?|messages?)|scam (someone|people|the elderly)|fake (ids?|invoices?|reviews?)|evade taxes|tax evasion|insider trading|ponzi)\b/i,
  },
  {
    category: 'privacy',
    pattern:
      /\b(social security numbers?|ssns?|credit card numbers?|home address(es)?|medical records?|bank account numbers?|passwords?|personal data)\b.{0,20}\b(of|for|belonging to)\b.{0,12}\b(other|another|all|every|some|a specific|your|these) (customers?|users?|people|employees?|persons?|account holders?|patients?)\b/i,
  },
  {
    category: 'privacy',
    pattern:
      /\b(someone|somebody|a stranger|my (ex|neighbou?r|coworker))('s)? (ssn|social security|credit card|password|home address|medical records?|location)\b|\b(dox|doxx|stalk)\w*\b|\bspy on\b|\btrack (someone|my (ex|wife|husband|partner))\b/i,
  },
  {
    category: 'privacy',
    pattern:
      /\b(list|give me|show me|dump|reveal|leak|share|export)\b.{0,30}\b(customer|user|employee|patient)s?'? (data|records|emails|details|information|pii|addresses)\b/i,
  },
  {
    category: 'hate',
    pattern:
      /\b(racial slurs?|hate speech|ethnic cleansing|genocide (is|was) (good|justified))\b|\bwhy (are|is) \w+( people)? (inferior|subhuman)\b/i,
  },
  { category: 'hate', pattern: /\b(write|generate|compose|tell)\b.{0,30}\b(racist|sexist|homophobic|antisemitic|hateful)\b/i },
  { category: 'sexual_minors', pattern: /\b(child|minor|underage|kid)s?\b.{0,30}\b(sexual|nude|explicit|porn)/i },
  {
    category: 'prompt_injection',
    pattern:
      /\b(ignore|disregard|forget|override|bypass)\b.{0,30}\b(instructions?|rules|guidelines|guardrails|restrictions|polic(y|ies)|system prompt|safety)\b/i,
  },
  {
    category: 'prompt_injection',
    pattern:
      /\b(reveal|show|print|repeat|output|leak|tell me|what is|what's|give me)\b.{0,20}\b(your|the) (system prompt|hidden (prompt|instructions)|initial instructions|developer (message|instructions)|instructions above)\b/i,
  },
  {
    category: 'prompt_injection',
    pattern: /\b(reveal|leak|give me|print|show me)\b.{0,20}\byour (secrets?|api keys?|passwords?|tokens?|credentials)\b/i,
  },
  { category: 'prompt_injection', pattern: /\bDAN\b/ },
  {
    category: 'prompt_injection',
    pattern:
      /\b(do anything now|developer mode|jailbreak|jailbroken|no (restrictions|filters|rules)|unfiltered|uncensored|without (any )?(restrictions|filters|rules))\b/i,
  },
];

/** The category of a request the built-in target refuses, or null when it may be answered. */
export function guardCategory(question: string): GuardCategory | null {
  const text = question.normalize('NFKC');
  for (const rule of RULES) if (rule.pattern.test(text)) return rule.category;
  return null;
}
