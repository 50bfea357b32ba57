/**
 * What every local tool and test uses to talk to moto: its fake credentials
 * and region. moto accepts any key; these are never real ones, and nothing
 * configured with them can reach an AWS account.
 */

/** The region of every local stack (moto's default). */
export const LOCAL_REGION = 'us-east-1';

/** Credentials moto accepts; never real ones. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/** The same credentials as environment variables, for a child process (terraform, the aws CLI, a Lambda). */
export const LOCAL_CREDENTIAL_ENV = {
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
};

/** SDK client configuration for the moto server at `endpoint`; spread it into any client's constructor. */
export function localClientConfig(endpoint: string, region = LOCAL_REGION) {
  return { endpoint, region, credentials: LOCAL_CREDENTIALS };
}

/** Environment for the real `aws` CLI against moto. */
export function localCliEnv(endpoint: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...LOCAL_CREDENTIAL_ENV,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ENDPOINT_URL: endpoint,
    AWS_PAGER: '',
  };
}
