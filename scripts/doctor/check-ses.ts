/**
 * Check (c): the sender. mail_from must be set (Terraform requires it) and
 * be an address SES can verify; then whether SES may send from it (the
 * address or one of its domains verified for sending) and whether the
 * account is still in the SES sandbox.
 */
import {
  GetAccountCommand,
  GetEmailIdentityCommand,
  NotFoundException,
  type SESv2Client,
} from '@aws-sdk/client-sesv2';
import { type CheckLine, errorText, fail, ok, warn } from './check-line.ts';

const SET_IT =
  'add mail_from = "photos@yourdomain.org" to terraform/envs/aws/terraform.tfvars (or export TF_VAR_mail_from=...)';
/** The same rules as the variable's validation in terraform/envs/aws/variables.tf. */
const ADDRESS = /^[^@\s]+@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?[.])+[A-Za-z]{2,}$/;
const RESERVED = /@(.+[.])?(example[.](com|net|org)|[^@]+[.](example|test|invalid|localhost))$/i;

/** ✖ lines for a missing or invalid mail_from (the apply would refuse it); empty when it is usable. */
export function checkMailFrom(mailFrom: string | undefined, source: string | undefined): CheckLine[] {
  if (!mailFrom) return [fail('mail_from is not set: Terraform requires the sender address', SET_IT)];
  if (!ADDRESS.test(mailFrom))
    return [fail(`mail_from "${mailFrom}" (${source}) is not an email address`, SET_IT)];
  if (RESERVED.test(mailFrom)) {
    return [
      fail(`mail_from "${mailFrom}" (${source}) uses a reserved example domain SES can never verify`, SET_IT),
    ];
  }
  return [];
}

/** The identities SES accepts for sending as `address`: itself, its domain and each parent domain. */
export function senderIdentities(address: string): string[] {
  const labels = (address.split('@')[1] ?? '').toLowerCase().split('.');
  const domains = labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
  return [address, ...domains];
}

type IdentityState = { identity: string; verified: boolean } | undefined;

async function identityState(ses: SESv2Client, identity: string): Promise<IdentityState> {
  try {
    const answer = await ses.send(new GetEmailIdentityCommand({ EmailIdentity: identity }));
    // AWS sets VerifiedForSendingStatus once the identity is verified (VerificationStatus SUCCESS);
    // moto 5.2.1 answers SUCCESS but leaves VerifiedForSendingStatus false, so either counts.
    return {
      identity,
      verified: answer.VerifiedForSendingStatus === true || answer.VerificationStatus === 'SUCCESS',
    };
  } catch (error) {
    if (error instanceof NotFoundException) return undefined;
    throw error;
  }
}

/**
 * The SES lines. An unverified sender does not break the apply (the first
 * deploy is what creates the address identity and makes AWS mail the
 * verification link), so it is a ! with the fix, not a ✖.
 */
export async function checkSes(options: {
  ses: SESv2Client;
  region: string;
  mailFrom: string;
  mailDomain: string | undefined;
}): Promise<CheckLine[]> {
  const { ses, region, mailFrom, mailDomain } = options;
  const lines: CheckLine[] = [];

  let sandbox: boolean | undefined;
  try {
    const account = await ses.send(new GetAccountCommand({}));
    sandbox = account.ProductionAccessEnabled !== true;
  } catch (error) {
    lines.push(warn(`SES: could not tell sandbox from production in ${region}: ${errorText(error)}`));
  }
  if (sandbox === false) lines.push(ok(`SES in ${region}: production access (sends to any address)`));
  const recipients = `SES in ${region} ${sandbox ? 'is in the sandbox' : 'may be in the sandbox'}: it sends only to verified addresses, so every owner who should get mail must be a verified identity too`;
  if (sandbox !== false) {
    lines.push(
      warn(
        recipients,
        `verify recipients (aws sesv2 create-email-identity --email-identity <address> --region ${region}) or request production access (SES console > Account dashboard > Request production access, or aws sesv2 put-account-details)`,
      ),
    );
  }

  const candidates = [...new Set([...senderIdentities(mailFrom), ...(mailDomain ? [mailDomain] : [])])];
  const states: IdentityState[] = [];
  for (const identity of candidates) {
    try {
      states.push(await identityState(ses, identity));
    } catch (error) {
      lines.push(warn(`SES: could not read identity ${identity}: ${errorText(error)}`));
    }
  }
  const verified = states.find((state) => state?.verified);
  const pending = states.filter((state) => state && !state.verified).map((state) => state?.identity);
  if (verified) {
    lines.push(
      ok(`SES sender ${mailFrom}: verified for sending in ${region} (identity ${verified.identity})`),
    );
  } else {
    lines.push(
      warn(
        `SES sender ${mailFrom}: not verified for sending in ${region} (${pending.length ? `pending: ${pending.join(', ')}` : 'no identity yet'}); SES refuses every email until it is`,
        `\`make deploy\` creates the address identity and AWS mails it a link: click it. Or verify the domain: set mail_domain and publish the dkim_dns_records output's CNAMEs (docs/deploy.md)`,
      ),
    );
  }
  return lines;
}
