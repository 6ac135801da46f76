/** The specs this helper knows: the OpenAPI 3.1 OpenAI spec, the older 3.0 one, and Azure's 2024-10-21 inference spec. */
export type SpecName = 'openai' | 'openai-legacy' | 'azure';

/** Options of every validate/expect call. */
export interface ValidateOptions {
  /** Reject top-level properties the schema does not define (catches typos such as `max_token`). Default false. */
  noExtraProperties?: boolean;
  /** Excuse the real-vs-spec differences listed in ../shared/reference/README.md, and nothing else. Default false. */
  allowKnownDifferences?: boolean;
  /**
   * Read every `oneOf` as `anyOf` (the Responses unions have no discriminator, so a valid item can match two
   * branches; see the reference README). Default: true for the Responses schemas (CreateResponse, Response,
   * ResponseStreamEvent, the Response…Event schemas, InputItem, InputParam, OutputItem, ItemResource), else false.
   */
  oneOfAsAnyOf?: boolean;
}

/** The outcome of a validation. */
export interface ValidationResult {
  valid: boolean;
  /** One readable line per problem, e.g. `/choices/0/finish_reason must be one of ["stop","length"]`. */
  errors: string[];
  /** Names of the known differences that were excused for this value. */
  knownDifferences: string[];
}

/** Thrown by the expect* helpers. */
export declare class ConformanceError extends Error {
  readonly spec: SpecName;
  readonly schemaName: string;
  readonly errors: string[];
}

/** Validates against `schemaName` (a components.schemas key, or a JSON pointer `#/paths/...`) of one spec. */
export declare function validate(
  spec: SpecName,
  schemaName: string,
  value: unknown,
  options?: ValidateOptions,
): ValidationResult;
/** Validates against the OpenAI 3.1 spec (openai-openapi.yaml). */
export declare function validateOpenAI(schemaName: string, value: unknown, options?: ValidateOptions): ValidationResult;
/** Validates against the Azure OpenAI 2024-10-21 inference spec. */
export declare function validateAzure(schemaName: string, value: unknown, options?: ValidateOptions): ValidationResult;
/** Validates against the older OpenAI 3.0 spec (BatchRequestInput / BatchRequestOutput live only here). */
export declare function validateLegacyOpenAI(
  schemaName: string,
  value: unknown,
  options?: ValidateOptions,
): ValidationResult;

/** Like validate, but throws a ConformanceError listing every problem; returns the value when valid. */
export declare function expectValid<T>(spec: SpecName, schemaName: string, value: T, options?: ValidateOptions): T;
/** expectValid('openai', ...). */
export declare function expectOpenAI<T>(schemaName: string, value: T, options?: ValidateOptions): T;
/** expectValid('azure', ...). */
export declare function expectAzure<T>(schemaName: string, value: T, options?: ValidateOptions): T;
/** expectValid('openai-legacy', ...). */
export declare function expectLegacyOpenAI<T>(schemaName: string, value: T, options?: ValidateOptions): T;

/** Schema names in one spec's components.schemas. */
export declare function schemaNames(spec: SpecName): string[];
/** The parsed, unmodified spec document. */
export declare function getSpec(spec: SpecName): Record<string, unknown>;
/** Names of the known specs. */
export declare const specNames: SpecName[];
/** Names of the allow-listed real-vs-spec differences. */
export declare const knownDifferenceNames: string[];
/** Absolute path of the shared reference folder (`<repo root>/../shared/reference`, or $SWITCHBOARD_REFERENCE_DIR). */
export declare const referenceDir: string;

/** Splits raw SSE text into its JSON `data:` payloads; `done` tells whether `data: [DONE]` was seen. */
export declare function parseSseData(text: string): { events: unknown[]; done: boolean };

/** Options of `importedModules`. */
export interface ImportedModulesOptions {
  /** Where the fresh process runs, so `specifier` resolves as it would for a user there. Default: the current one. */
  cwd?: string;
  /** Module code run after the import, with the imported namespace as `mod` (e.g. a first use). */
  afterImport?: string;
}

/** Imports `specifier` in a fresh Node process and returns the URL of every module resolved along the way. */
export declare function importedModules(specifier: string, options?: ImportedModulesOptions): string[];

/** True when one of `urls` is inside the installed package `name` (`node_modules/<name>/`). */
export declare function includesPackage(urls: readonly string[], name: string): boolean;

/** Node built-ins and Node-only module loading in the runtime sources under `srcDir`, one `file: pattern` line each. */
export declare function nodeOnlyUsages(srcDir: string): string[];

/** Options of `checkDeferredImports`. */
export interface DeferredImportsOptions {
  /** Where the fresh processes run (the package's folder resolves its own name). */
  cwd: string;
  /** Packages that must not load at import. */
  deferred: string[];
  /** Module code run after the import, with the namespace as `mod`: the first use. */
  firstUse: string;
  /** Packages the first use must load (shows the check can see them). Default: `deferred`. */
  loadedByFirstUse?: string[];
}

/** Imports `specifier` in fresh processes, before and after a first use; both lists are empty when all is right. */
export declare function checkDeferredImports(
  specifier: string,
  options: DeferredImportsOptions,
): { loadedAtImport: string[]; notLoadedByFirstUse: string[] };
