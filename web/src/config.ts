import type { WebConfig } from './web-config.ts';

export type { WebConfig };

const FIELDS = ['apiUrl', 'region', 'userPoolId', 'userPoolClientId', 'cognitoEndpoint'] as const;

/**
 * Checks a parsed /config.json and normalises the URLs.
 * @throws Error naming the first missing or empty field.
 */
export function parseWebConfig(raw: unknown): WebConfig {
  if (!raw || typeof raw !== 'object') throw new Error('config.json: expected an object');
  const record = raw as Record<string, unknown>;
  for (const field of FIELDS) {
    const value = record[field];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new Error(`config.json: "${field}" is missing or empty`);
    }
  }
  const config = Object.fromEntries(
    FIELDS.map((f) => [f, (record[f] as string).trim()]),
  ) as unknown as WebConfig;
  return { ...config, apiUrl: config.apiUrl.replace(/\/+$/, '') };
}

/**
 * Loads /config.json (never cached: it changes per deployment, the bundle does not).
 * @throws Error when it cannot be fetched or is incomplete.
 */
export async function loadWebConfig(url = '/config.json'): Promise<WebConfig> {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return parseWebConfig(await response.json());
}
