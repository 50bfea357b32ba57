/**
 * SES as in the sandbox: besides the IAM evaluation of the sender's and each
 * recipient's identity (prove-calls.ts), SES sends only from an identity
 * the account has verified, the address itself or its domain, so the plan
 * must create it.
 * https://docs.aws.amazon.com/ses/latest/dg/verify-addresses-and-domains.html
 * https://docs.aws.amazon.com/ses/latest/dg/control-user-access.html
 */
import { ofType, type PlanView } from '../plan-model.ts';
import type { ProvenRequest } from './prove-calls.ts';

/** The e-mail addresses and domains the plan verifies with SES (v1 and v2 resources). */
export function verifiedIdentities(plan: PlanView): Set<string> {
  const identities = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && value !== '') identities.add(value.toLowerCase());
  };
  for (const identity of ofType(plan, 'aws_sesv2_email_identity')) add(identity.values.email_identity);
  for (const identity of ofType(plan, 'aws_ses_email_identity')) add(identity.values.email);
  for (const identity of ofType(plan, 'aws_ses_domain_identity')) add(identity.values.domain);
  return identities;
}

/** The address an SES identity ARN names (`arn:aws:ses:<r>:<a>:identity/<address>`). */
function identityOf(arn: string): string {
  return arn.slice(arn.indexOf(':identity/') + ':identity/'.length);
}

/** One line per sender of a recorded SES request that the plan does not verify. */
export function unverifiedSenders(plan: PlanView, requests: ProvenRequest[]): string[] {
  const verified = verifiedIdentities(plan);
  const found = new Set<string>();
  for (const request of requests) {
    if (request.role !== 'sender' || !request.resource.includes(':identity/')) continue;
    const address = identityOf(request.resource).toLowerCase();
    const domain = address.split('@')[1] ?? '';
    if (!verified.has(address) && !verified.has(domain)) {
      found.add(
        `${request.functionKey}: sends from ${address}, but the plan verifies neither it nor ${domain || 'its domain'} (verified: ${[...verified].join(', ') || 'none'})`,
      );
    }
  }
  return [...found];
}
