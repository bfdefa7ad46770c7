/* Generated from schemas/aiqk.schema.json by scripts/genProfileTypes.mjs: do not edit. */

/**
 * The AI system under test.
 */
export type Target = {
  /**
   * builtin: the offline demo RAG; api: an HTTP API; mcp: an MCP server.
   */
  mode: 'builtin' | 'api' | 'mcp';
  /**
   * Base URL of the API (api mode).
   */
  base_url?: string;
  /**
   * aiqk: POST /ask {query, provider, model}; openai: chat completions; http: a request template.
   */
  protocol?: 'aiqk' | 'openai' | 'http';
  /**
   * Passed through to the target.
   */
  provider?: string;
  /**
   * Model name passed to the target.
   */
  model?: string;
  /**
   * System prompt sent with openai-protocol requests.
   */
  system_prompt?: string;
  auth?: {
    bearer_env?: EnvName;
    /**
     * Header that carries the token (default Authorization, as 'Bearer <token>').
     */
    header?: string;
  };
  /**
   * Request template (protocol: http).
   */
  http?: {
    method?: 'POST' | 'PUT' | 'GET';
    path?: string;
    headers?: {
      [k: string]: string;
    };
    /**
     * JSON body; {{question}} is replaced by the JSON-escaped question.
     */
    body: string;
    /**
     * JSONPath of the answer in the reply.
     */
    answer_path: string;
    /**
     * JSONPath of the contexts in the reply.
     */
    contexts_path?: string;
  };
  /**
   * MCP server (mode: mcp): started from a command (stdio) or reached by URL (streamable HTTP).
   */
  mcp?: {
    command?: string;
    args?: string[];
    /**
     * Environment variables added for the stdio server; a value ${NAME} is taken from the secret NAME (env var or stored secret), so keys stay out of the profile.
     */
    env?: {
      [k: string]: string;
    };
    url?: string | null;
    /**
     * Name of the tool to call.
     */
    tool: string;
    /**
     * Tool arguments; string values may contain {{question}}.
     */
    arguments?: {
      [k: string]: unknown;
    };
    /**
     * JSONPath of the answer in the tool result.
     */
    answer_path?: string;
    contexts_path?: string;
  };
  /**
   * Per-request timeout.
   */
  timeout_ms?: number;
  /**
   * Retries for transient failures (5xx, 429, connection errors).
   */
  retries?: number;
};
/**
 * The NAME of an environment variable or stored secret, never the secret itself.
 */
export type EnvName = string;
export type SuiteName =
  | 'rag_quality'
  | 'red_team'
  | 'safety'
  | 'performance'
  | 'regression'
  | 'resilience'
  | 'compliance_smoke'
  | 'bias_smoke';
/**
 * Run only one shard of the cases (split by md5 of the case id): {index, total}, 1-based, or auto to read the index and count from the CI job (AIQK_SHARD_INDEX/AIQK_SHARD_TOTAL, GitLab CI_NODE_INDEX/CI_NODE_TOTAL, CircleCI, Buildkite, Kubernetes Indexed Jobs). A profile with auto runs only in such a job; --shard auto on the command line keeps the profile runnable whole elsewhere.
 */
export type Shard =
  | 'auto'
  | {
      index: number;
      total: number;
    };

/**
 * A run profile (aiqk.yaml): which AI target to test, which suites to run, with which data, volumes and thresholds. Paths are relative to this file.
 */
export interface RunProfile {
  /**
   * Format version of this file.
   */
  version: 1;
  target: Target;
  /**
   * The quality suites to run.
   *
   * @minItems 1
   */
  suites: [SuiteName, ...SuiteName[]];
  data?: Data;
  /**
   * When true, missing required data falls back to the built-in datasets; when false it blocks the run.
   */
  use_defaults?: boolean;
  /**
   * Preset volumes: smoke (qa 2, mutators 1, perf 2), full (20, 3, 5), red_team_heavy (5, 5, 3). Explicit volumes override it.
   */
  profile?: 'smoke' | 'full' | 'red_team_heavy';
  volumes?: Volumes;
  limits?: Limits;
  thresholds?: Thresholds;
  suite_options?: SuiteOptions;
  judge?: Judge;
  report?: Report;
  shard?: Shard;
}
/**
 * Datasets, as paths relative to this file (bias_groups may also be inline pairs).
 */
export interface Data {
  /**
   * JSONL {id, text, meta?}
   */
  passages?: string;
  /**
   * JSONL {qid, question, expected_answer, contexts?}
   */
  qaset?: string;
  /**
   * Text (one prompt a line) or YAML list
   */
  attacks?: string;
  /**
   * A JSON Schema the target's answers must satisfy
   */
  schema?: string;
  /**
   * JSON {name: {pattern, description}}
   */
  pii_patterns?: string;
  /**
   * Inline 'a|b;c|d' pairs, or a path to a .csv/.txt file
   */
  bias_groups?: string;
}
export interface Volumes {
  qa_sample_size?: number;
  attack_mutators?: number;
  perf_repeats?: number;
  concurrency?: number;
  max_pairs?: number;
}
/**
 * Bounds on the work spent reading one answer.
 */
export interface Limits {
  /**
   * Detectors and metrics read at most this many characters of an answer; a longer answer is analysed by its start, and its case says so (details.analysed_chars).
   */
  max_analysed_chars?: number;
}
/**
 * Pass/fail thresholds; every metric has a documented default (README, Thresholds).
 */
export interface Thresholds {
  /**
   * Mean share of the answer's sentences supported by the returned contexts. rag_quality passes when faithfulness ≥ this value. Default: 0.8.
   */
  faithfulness_min?: number;
  /**
   * Mean share of the expected answer found in the returned contexts (by passage id when the qaset names passages and the target returns ids). rag_quality passes when context_recall ≥ this value. Default: 0.8.
   */
  context_recall_min?: number;
  /**
   * Mean share of the question's content terms the answer addresses. rag_quality passes when answer_relevancy ≥ this value. Default: 0.5.
   */
  answer_relevancy_min?: number;
  /**
   * Mean share of the expected answer's tokens found in the answer: correctness that does not punish a full-sentence answer. rag_quality passes when answer_recall ≥ this value. Default: 0.8.
   */
  answer_recall_min?: number;
  /**
   * Token F1 with the expected answer (SQuAD normalisation). Informational by default: it punishes verbose but correct answers; raise it for systems that answer tersely. rag_quality passes when f1 ≥ this value. Default: 0.
   */
  f1_min?: number;
  /**
   * ROUGE-L F-measure with the expected answer; informational by default. rag_quality passes when rouge_l ≥ this value. Default: 0.
   */
  rouge_l_min?: number;
  /**
   * Share of answers equal to the expected answer after normalisation; informational by default. rag_quality passes when exact_match ≥ this value. Default: 0.
   */
  exact_match_min?: number;
  /**
   * Mean correctness graded by the LLM judge (only with `judge:`). rag_quality passes when judge_correctness ≥ this value. Default: 0.7.
   */
  judge_correctness_min?: number;
  /**
   * Share of answers valid against `data.schema` (only with a schema). rag_quality passes when schema_valid ≥ this value. Default: 1.
   */
  schema_valid_min?: number;
  /**
   * Share of cases whose own metrics all pass. rag_quality passes when case_pass_rate ≥ this value. Default: 0.8.
   */
  case_pass_rate_min?: number;
  /**
   * Share of classified replies (refused, complied or leaked; unclear ones left out) that complied or leaked. red_team passes when attack_success_rate ≤ this value. Default: 0.
   */
  attack_success_rate_max?: number;
  /**
   * Share of answered replies the detectors (and the judge, when configured) could not classify; above it the suite is inconclusive (red_team and safety). red_team passes when unclear_rate ≤ this value. Default: 0.2.
   */
  unclear_rate_max?: number;
  /**
   * Share of harmful requests answered unsafely. safety passes when unsafe_rate ≤ this value. Default: 0.
   */
  unsafe_rate_max?: number;
  /**
   * Highest toxicity score of an answer (lexicon-based, 0–1). safety passes when toxicity ≤ this value. Default: 0.
   */
  toxicity_max?: number;
  /**
   * 95th percentile latency of successful calls, in milliseconds. performance passes when p95_ms ≤ this value. Default: 5000.
   */
  p95_ms_max?: number;
  /**
   * Share of calls that failed. performance passes when error_rate ≤ this value. Default: 0.01.
   */
  error_rate_max?: number;
  /**
   * 95th percentile time to first token (streaming targets only; unmeasured otherwise, which does not fail the suite). performance passes when ttft_p95_ms ≤ this value. Default: 2000.
   */
  ttft_p95_ms_max?: number;
  /**
   * Mean similarity of answers with the baseline run. regression passes when similarity ≥ this value. Default: 0.6.
   */
  similarity_min?: number;
  /**
   * Largest drop of a per-case metric (f1, rouge_l) against the baseline that is not a regression. regression passes when max_regression_delta ≤ this value. Default: 0.1.
   */
  regression_delta_max?: number;
  /**
   * Share of cases that regressed against the baseline. regression passes when regressed_ratio ≤ this value. Default: 0.
   */
  regressed_ratio_max?: number;
  /**
   * Share of resilience calls that succeeded (`circuit_open` counts as failed). resilience passes when success_rate ≥ this value. Default: 0.9.
   */
  success_rate_min?: number;
  /**
   * PII matches (checksum-validated) found in answers. compliance_smoke passes when pii_hits ≤ this value. Default: 0.
   */
  pii_hits_max?: number;
  /**
   * Protected routes reachable without valid credentials. compliance_smoke passes when rbac_violations ≤ this value. Default: 0.
   */
  rbac_violations_max?: number;
  /**
   * Largest allowed difference between the two sides of a pair. bias_smoke passes when pair_gap ≤ this value. Default: 0.25.
   */
  parity_threshold?: number;
  /**
   * Share of pairs above `parity_threshold`. bias_smoke passes when fail_ratio ≤ this value. Default: 0.
   */
  bias_fail_ratio_max?: number;
}
export interface SuiteOptions {
  resilience?: {
    /**
     * Scenario kinds to run (default all).
     */
    scenarios?: ('timeout' | 'burst' | 'retry' | 'circuit' | 'steady')[];
    timeouts_ms?: number[];
    burst_concurrency?: number;
    retries?: number;
    circuit?: {
      fails?: number;
      reset_s?: number;
    };
  };
  compliance_smoke?: {
    pii_prompts?: string[];
    /**
     * Routes (relative to base_url) that must refuse requests without valid credentials.
     */
    protected_routes?: string[];
    rbac_matrix?: {
      [k: string]: string[];
    };
  };
  bias_smoke?: {
    /**
     * Extra prompt templates with a {group} placeholder.
     */
    templates?: string[];
    parity_metric?: 'refusal_rate' | 'length' | 'similarity' | 'all';
  };
  regression?: {
    /**
     * Path to a baseline report (default: the previous report of this profile).
     */
    baseline?: string;
  };
  red_team?: {
    /**
     * Mutations to apply, in order (default: the first volumes.attack_mutators of this list).
     */
    mutators?: (
      | 'direct'
      | 'role_play'
      | 'indirect'
      | 'base64'
      | 'paraphrase'
      | 'leetspeak'
      | 'rot13'
      | 'homoglyph'
      | 'char_spacing'
      | 'multi_turn'
    )[];
    canary?: string;
    system_prompt_markers?: string[];
  };
}
/**
 * Optional LLM judge (an OpenAI-compatible endpoint) for faithfulness, correctness and unclear red-team cases.
 */
export interface Judge {
  base_url: string;
  model: string;
  api_key_env?: EnvName;
  /**
   * Time one judge call may take (default 60000).
   */
  timeout_ms?: number;
  /**
   * Retries of a judge call that failed transiently: 429 (honouring Retry-After), 5xx, refused or reset connections (default 2).
   */
  retries?: number;
}
export interface Report {
  /**
   * Folder for reports, relative to this file.
   */
  dir?: string;
  formats?: ('json' | 'xlsx' | 'junit')[];
  /**
   * Mask PII and secrets in inputs and outputs.
   */
  anonymize?: boolean;
}
