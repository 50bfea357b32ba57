/** Base of the errors this package raises; `code` is stable. */
export class AwsSetupError extends Error {
  override readonly name: string = 'AwsSetupError';
  readonly code: string;

  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

/** A missing or invalid environment variable; the message names the variable. */
export class ConfigError extends AwsSetupError {
  override readonly name = 'ConfigError';
  /** The offending variable names. */
  readonly variables: readonly string[];

  constructor(message: string, variables: readonly string[], options: { cause?: unknown } = {}) {
    super('Config::Invalid', message, options);
    this.variables = variables;
  }
}

/**
 * A failure injected by `PIPELINE_FAULTS`. It looks like a retryable AWS 503
 * (`$fault: 'server'`, `$metadata.httpStatusCode: 503`) so callers treat it
 * exactly as they would a real outage.
 */
export class InjectedFaultError extends Error {
  override readonly name = 'ServiceUnavailable';
  readonly code = 'Fault::Injected';
  readonly $fault = 'server';
  readonly $metadata: { httpStatusCode: number; attempts: number };
  /** `<service>:<Operation>` the fault was injected into. */
  readonly operation: string;

  constructor(operation: string) {
    super(`Injected fault (PIPELINE_FAULTS) on ${operation}: service unavailable`);
    this.operation = operation;
    this.$metadata = { httpStatusCode: 503, attempts: 1 };
  }
}
