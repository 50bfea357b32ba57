/**
 * The local AWS (moto) as the tools and tests see it: credentials, region,
 * SDK clients, and the mail moto's SES kept. Import a subpath
 * (`@pipeline/local-aws/credentials`) to load no SDK client.
 */
export { type LocalClientOptions, type LocalClients, localClients } from './clients.ts';
export {
  LOCAL_CREDENTIAL_ENV,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  localCliEnv,
  localClientConfig,
} from './credentials.ts';
export { fromRaw, readSentEmails, type SentEmail } from './mail.ts';
export { addressList, decodeEncodedWords, type ParsedMime, parseMime } from './mime.ts';
