import type { ArnScope, IamRequest } from './iam-request.js';

type Input = Record<string, unknown>;

interface Mailbox {
  address: string;
  displayName?: string;
}

/**
 * IAM requests of an SES v2 call. SendEmail (Simple, Template or Raw
 * content alike: v2 has no SendRawEmail action) is authorized against the
 * sender's identity and, as the sandbox does, each recipient's, plus the
 * configuration set when one is named. For raw content without a
 * Destination, the recipients are the message's To, Cc and Bcc headers,
 * which is where SES takes them from too.
 */
export function sesRequests(operation: string, input: Input, scope: ArnScope): IamRequest[] {
  const arn = (resource: string) => `arn:aws:ses:${scope.region}:${scope.account}:${resource}`;
  if (operation !== 'SendEmail') return [{ action: `ses:${operation}`, resource: '*' }];

  const headers = rawHeaders(input);
  const from = parseMailboxes(str(input.FromEmailAddress) ?? headers.get('from') ?? '')[0];
  const destination = input.Destination as Record<string, string[] | undefined> | undefined;
  const recipients = destination
    ? [
        ...(destination.ToAddresses ?? []),
        ...(destination.CcAddresses ?? []),
        ...(destination.BccAddresses ?? []),
      ]
        .flatMap(parseMailboxes)
        .map((mailbox) => mailbox.address)
    : ['to', 'cc', 'bcc'].flatMap((name) => parseMailboxes(headers.get(name) ?? '').map((m) => m.address));

  const context: Record<string, string | string[]> = {
    'ses:FromAddress': from?.address ?? '',
    'ses:Recipients': recipients,
    ...(from?.displayName ? { 'ses:FromDisplayName': from.displayName } : {}),
  };
  const requests: IamRequest[] = [
    { action: 'ses:SendEmail', resource: arn(`identity/${from?.address ?? '*'}`), context, role: 'sender' },
    ...recipients.map(
      (address): IamRequest => ({
        action: 'ses:SendEmail',
        resource: arn(`identity/${address}`),
        context,
        role: 'recipient',
      }),
    ),
  ];
  const configurationSet = str(input.ConfigurationSetName);
  if (configurationSet) {
    requests.push({
      action: 'ses:SendEmail',
      resource: arn(`configuration-set/${configurationSet}`),
      context,
    });
  }
  return requests;
}

/** Header fields of `Content.Raw.Data` (lower-case names, folded lines joined); empty when not raw. */
function rawHeaders(input: Input): Map<string, string> {
  const data = ((input.Content as Input | undefined)?.Raw as Input | undefined)?.Data;
  const text =
    typeof data === 'string' ? data : data instanceof Uint8Array ? new TextDecoder().decode(data) : '';
  const head = text.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  }
  return headers;
}

/** `"Name" <a@b>, c@d` -> mailboxes; commas inside quotes do not split. */
function parseMailboxes(list: string): Mailbox[] {
  const parts = list.match(/(?:"(?:[^"\\]|\\.)*"|[^,"])+/g) ?? [];
  return parts.flatMap((part) => {
    const trimmed = part.trim();
    if (trimmed === '') return [];
    const angle = /^(.*)<([^>]+)>\s*$/.exec(trimmed);
    if (!angle) return [{ address: trimmed }];
    const name = (angle[1] ?? '')
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .replace(/\\(.)/g, '$1');
    return [{ address: (angle[2] ?? '').trim(), ...(name ? { displayName: name } : {}) }];
  });
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
