/**
 * The mailer's SES grant works against AWS's rules and stays narrow. SES
 * authorises SendEmail against every identity the mail
 * involves: the sender's and, in the sandbox, each recipient's. A grant on the
 * sender identity alone is AccessDenied for any recipient, so the grant is on
 * `identity/*` of the stack's own account and region, and a
 * `StringEquals ses:FromAddress` condition pins the From address to mail_from.
 * https://docs.aws.amazon.com/ses/latest/dg/control-user-access.html
 */
import type { Manifest } from '../manifests.ts';
import { ofType, type PlanView, str, where } from '../plan-model.ts';
import { describe, policiesInPlan } from './policy.ts';

const SEND_ACTIONS = ['ses:sendemail', 'ses:sendrawemail'];

/**
 * `arn:<partition>:ses:<region>:<account>:identity/*`: partition and region
 * from the sender identity's ARN, the account from an ARN that always has one
 * (the events topic's: moto leaves the account out of SES identity ARNs).
 */
export function mailIdentitiesArn(senderIdentityArn: string, accountArn: string): string {
  const [arn, partition, service, region] = senderIdentityArn.split(':');
  const account = accountArn.split(':')[4] ?? '';
  return `${arn}:${partition}:${service}:${region}:${account}:identity/*`;
}

/**
 * Every statement allowing an SES send: Sid MailSend, resources exactly the
 * account's `identity/*` (and the mail configuration set when the stack has one), condition StringEquals ses:FromAddress = mail_from.
 * A stack whose manifests use mail:send must have at least one.
 */
export function mailSendViolations(plan: PlanView, manifests: Record<string, Manifest>): string[] {
  const mailFrom = String(plan.outputs.mail_from ?? '');
  const sender = str(where(plan, 'aws_ses_email_identity', 'email', mailFrom)[0], 'arn');
  if (!sender) return [`the plan has no aws_ses_email_identity for mail_from ${mailFrom || '(no output)'}`];
  const identities = mailIdentitiesArn(sender, String(plan.outputs.events_topic_arn ?? ''));
  // A send through the configuration set is authorised against the set too.
  const set = plan.outputs.mail_configuration_set;
  const expected = [
    identities,
    ...(set ? [identities.replace(/identity\/\*$/, `configuration-set/${set}`)] : []),
  ];

  const found = new Set<string>();
  let grants = 0;
  for (const policy of policiesInPlan(plan).filter((p) => p.kind === 'identity')) {
    for (const s of policy.statements) {
      if (s.effect !== 'Allow' || !s.actions.some((a) => SEND_ACTIONS.includes(a.toLowerCase()))) continue;
      grants += 1;
      const at = `${policy.source} [${describe(s)}]`;
      if (s.sid !== 'MailSend') found.add(`${at}: an SES send grant whose Sid is not MailSend`);
      if (s.resources.join(',') !== expected.join(',')) {
        found.add(
          `${at}: resources ${s.resources.join(',')}, not ${expected.join(',')} (SES also authorises each recipient's identity)`,
        );
      }
      const from = s.conditions.StringEquals?.['ses:FromAddress'] ?? [];
      if (from.length !== 1 || from[0] !== mailFrom) {
        found.add(`${at}: ses:FromAddress condition ${JSON.stringify(from)}, not ["${mailFrom}"]`);
      }
    }
  }
  const senders = Object.entries(manifests).filter(([, m]) => m.permissions?.includes('mail:send'));
  if (senders.length > 0 && grants === 0 && ofType(plan, 'aws_iam_role_policy').length > 0) {
    found.add(
      `no role allows ses:SendEmail although ${senders.map(([n]) => n).join(', ')} ask for mail:send`,
    );
  }
  return [...found];
}
