/**
 * On AWS the mailer sends through the SES configuration set
 * `<name_prefix>mail` (envs/aws mail_configuration_set_enabled, default
 * true; terraform/modules/pipeline/main.tf), and SES then also authorizes
 * ses:SendEmail on the configuration set's ARN. Neither the local stack nor
 * the moto plan has the set (moto cannot apply it), so no recorded call
 * names it: each recorded send is evaluated again against that ARN here.
 * https://github.com/aws/aws-cdk/issues/34402
 * https://github.com/usdigitalresponse/usdr-gost/pull/3080
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../aws-plan.ts';
import type { PlanView } from '../plan-model.ts';
import { evaluate, roleContext, sessionArn } from './evaluate.ts';
import type { CallProof, ProvenRequest } from './prove-calls.ts';

/**
 * Whether envs/aws sends through the configuration set by default (the moto
 * copy turns it off, so the plan cannot tell).
 */
export function configurationSetByDefault(
  envDir = path.join(REPO_ROOT, 'terraform', 'envs', 'aws'),
): boolean {
  const variables = readFileSync(path.join(envDir, 'variables.tf'), 'utf8');
  const block = /variable\s+"mail_configuration_set_enabled"\s*{([\s\S]*?)\n}/.exec(variables)?.[1] ?? '';
  return /\bdefault\s*=\s*true\b/.test(block);
}

/** The configuration set's ARN as envs/aws names it. */
export function configurationSetArn(plan: PlanView, region: string, account: string): string {
  return `arn:aws:ses:${region}:${account}:configuration-set/${String(plan.variables.name_prefix ?? '')}mail`;
}

/**
 * Each function's recorded SES sends, evaluated on the configuration set.
 * @returns one line per send the role would not be allowed to make through it
 *   (none when envs/aws does not enable the configuration set).
 */
export async function configurationSetDenials(plan: PlanView, proof: CallProof): Promise<string[]> {
  if (!configurationSetByDefault()) return [];
  const { region, account } = proof.map.plan;
  const resource = configurationSetArn(plan, region, account);
  const senders = proof.requests.filter((r: ProvenRequest) => r.role === 'sender');
  const denied: string[] = [];
  for (const send of senders) {
    const fn = proof.functions[send.functionKey];
    if (!fn) continue;
    const verdict = await evaluate({
      principal: sessionArn(fn.roleArn, fn.functionName),
      action: send.action,
      resource,
      resourceAccount: account,
      context: { ...roleContext(fn.roleArn, region), ...send.context },
      identityPolicies: fn.identityPolicies,
    });
    if (!verdict.allowed)
      denied.push(`${send.functionKey}: ${send.action} on ${resource} -> ${verdict.result}`);
  }
  return [...new Set(denied)];
}
