/**
 * One request through an IAM evaluator (@cloud-copilot/iam-simulate, a
 * test-only devDependency: AGPL-3.0, never bundled into a function). It
 * applies AWS's evaluation logic: an explicit deny wins; within one account
 * an allow in the identity policies or the resource policy suffices, except
 * for KMS, where the key policy must allow (itself, or by delegating to the
 * account's IAM policies); a service principal needs the resource policy.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { NamedPolicy, PolicyDocument } from './plan-policies.ts';

/** A request as AWS authorizes it. */
export interface EvaluationRequest {
  /** Who asks: an assumed-role session ARN, or a service principal (`sns.amazonaws.com`). */
  principal: string;
  action: string;
  resource: string;
  /** The account that owns the resource. */
  resourceAccount: string;
  context: Record<string, string | string[]>;
  identityPolicies: NamedPolicy[];
  resourcePolicy?: PolicyDocument;
}

/** What the evaluator decided. */
export interface Verdict {
  allowed: boolean;
  /** `Allowed`, `ImplicitlyDenied`, `ExplicitlyDenied`, or `Error: <why the evaluator refused the input>`. */
  result: string;
}

/**
 * Evaluates one request. Never throws for a denial: the caller collects
 * verdicts and reports every denied request at once.
 */
export async function evaluate(request: EvaluationRequest): Promise<Verdict> {
  const response = await runSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: request.resourceAccount },
        contextVariables: request.context,
      },
      identityPolicies: request.identityPolicies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: request.resourcePolicy,
    },
    // Strict: the context is what AWS would send, so a key absent from it is absent.
    { simulationMode: 'Strict' },
  );
  if (response.resultType === 'error') {
    return { allowed: false, result: `Error: ${response.errors.message} ${JSON.stringify(response.errors)}` };
  }
  return { allowed: response.overallResult === 'Allowed', result: response.overallResult };
}

/** The role session a Lambda function runs as, e.g. `arn:aws:sts::1:assumed-role/<role>/<function>`. */
export function sessionArn(roleArn: string, sessionName: string): string {
  const [, , , , account, resource] = roleArn.split(':');
  const roleName = (resource ?? '').split('/').pop();
  return `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`;
}

/**
 * The global condition keys AWS sets on a request a function makes with its
 * role's credentials over HTTPS (the SDK only speaks TLS to AWS endpoints).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
export function roleContext(roleArn: string, region: string): Record<string, string> {
  const account = roleArn.split(':')[4] ?? '';
  const now = new Date();
  return {
    'aws:SecureTransport': 'true',
    'aws:PrincipalArn': roleArn,
    'aws:PrincipalAccount': account,
    'aws:PrincipalType': 'AssumedRole',
    'aws:RequestedRegion': region,
    'aws:ViaAWSService': 'false',
    'aws:CurrentTime': now.toISOString(),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
  };
}

/**
 * The keys AWS sets when a service acts for itself on a resource of the
 * account (S3 delivering an event, SNS delivering to a queue):
 * aws:SourceArn and aws:SourceAccount name what it acts for.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 */
export function serviceContext(sourceArn: string, sourceAccount: string): Record<string, string> {
  return {
    'aws:SecureTransport': 'true',
    'aws:SourceArn': sourceArn,
    'aws:SourceAccount': sourceAccount,
    'aws:PrincipalIsAWSService': 'true',
  };
}
