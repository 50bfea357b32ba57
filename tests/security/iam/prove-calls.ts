/**
 * Every recorded call of every function, and every request AWS makes with a
 * function's role on its behalf, evaluated against the plan's policies.
 */
import type { PlanView } from '../plan-model.ts';
import { type ArnMap, buildArnMap } from './arn-map.ts';
import { evaluate, roleContext, sessionArn, type Verdict } from './evaluate.ts';
import {
  configurationSetRequests,
  type ImpliedRequest,
  lambdaServiceRequests,
  publishKeyRequests,
} from './implied-requests.ts';
import { type PlanFunction, planFunction, resourcePolicy } from './plan-policies.ts';
import type { CallLog, RecordedRequest } from './recorded-calls.ts';

/** One distinct request of one function, evaluated, with how often it happened. */
export interface ProvenRequest {
  functionKey: string;
  /** `recorded` (an SDK call made it) or `implied` (AWS makes it with the role). */
  source: 'recorded' | 'implied';
  /** The SDK operation, or what implies the request. */
  operation: string;
  action: string;
  /** The plan's resource ARN. */
  resource: string;
  /** The recorded (local) resource ARN, when it differs. */
  localResource?: string;
  context: Record<string, string | string[]>;
  role?: 'sender' | 'recipient';
  count: number;
  verdict: Verdict;
}

/** The outcome of proving a call log. */
export interface CallProof {
  map: ArnMap;
  functions: Record<string, PlanFunction>;
  requests: ProvenRequest[];
  /** Findings that are not a single request's verdict (unknown callers, opaque policies, no log group). */
  problems: string[];
}

function mapContext(map: ArnMap, context: RecordedRequest['context']): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(context ?? {})) {
    out[key] = Array.isArray(value) ? value.map((v) => map.toPlan(v)) : map.toPlan(value);
  }
  return out;
}

type Pending = Omit<ProvenRequest, 'verdict' | 'count'>;

/** Adds a request to `pending`, counting repeats of the same request as one. */
function collect(pending: Map<string, Pending & { count: number }>, request: Pending): void {
  const key = JSON.stringify([
    request.functionKey,
    request.source,
    request.operation,
    request.action,
    request.resource,
    request.context,
    request.role,
  ]);
  const seen = pending.get(key);
  if (seen) seen.count += 1;
  else pending.set(key, { ...request, count: 1 });
}

function implied(functionKey: string, request: ImpliedRequest): Pending {
  const { cause, ...rest } = request;
  return { functionKey, source: 'implied', operation: cause, ...rest, context: rest.context ?? {} };
}

/**
 * Evaluates a call log against a plan: each recorded request (resource and
 * context mapped to the plan's names), the KMS requests behind each publish
 * to an encrypted topic, and the Lambda service's poller and log requests of
 * every function of the stack, recorded calls or not.
 * @throws Error when the plan lacks a function the local stack has.
 */
export async function proveCalls(plan: PlanView, log: CallLog): Promise<CallProof> {
  const map = buildArnMap(log.stack, plan);
  const region = map.plan.region;
  const problems: string[] = [];
  const functions: Record<string, PlanFunction> = {};
  for (const key of Object.keys(log.stack.functions ?? {}).sort()) {
    functions[key] = planFunction(plan, key);
    const opaque = functions[key].opaquePolicies;
    if (opaque.length > 0)
      problems.push(`${key}: role has policies the plan does not hold: ${opaque.join(', ')}`);
  }

  const pending = new Map<string, Pending & { count: number }>();
  const unknownCallers = new Map<string, number>();
  for (const call of log.calls) {
    const key = map.functionKey(call.function);
    if (!key || !functions[key]) {
      unknownCallers.set(call.function, (unknownCallers.get(call.function) ?? 0) + 1);
      continue;
    }
    for (const request of call.requests) {
      const resource = map.toPlan(request.resource);
      collect(pending, {
        functionKey: key,
        source: 'recorded',
        operation: call.operation,
        action: request.action,
        resource,
        ...(resource !== request.resource ? { localResource: request.resource } : {}),
        context: mapContext(map, request.context),
        ...(request.role ? { role: request.role } : {}),
      });
      if (request.action.toLowerCase() === 'sns:publish') {
        for (const kms of publishKeyRequests(plan, resource, region)) collect(pending, implied(key, kms));
      }
      const sesPrefix = `arn:aws:ses:${region}:${map.plan.account}`;
      for (const set of configurationSetRequests(plan, functions[key], request, sesPrefix)) {
        collect(pending, implied(key, { ...set, context: mapContext(map, set.context) }));
      }
    }
  }
  for (const [name, count] of unknownCallers) {
    problems.push(`${count} call(s) recorded by ${name}, which is not a function of the stack`);
  }
  for (const fn of Object.values(functions)) {
    const { requests, missing } = lambdaServiceRequests(fn);
    problems.push(...missing);
    for (const request of requests) collect(pending, implied(fn.key, request));
  }

  const requests: ProvenRequest[] = [];
  for (const request of pending.values()) {
    const fn = functions[request.functionKey] as PlanFunction;
    const verdict = await evaluate({
      principal: sessionArn(fn.roleArn, fn.functionName),
      action: request.action,
      resource: request.resource,
      resourceAccount: map.plan.account,
      context: { ...roleContext(fn.roleArn, region), ...request.context },
      identityPolicies: fn.identityPolicies,
      resourcePolicy: resourcePolicy(plan, request.resource),
    });
    requests.push({ ...request, verdict });
  }
  return { map, functions, requests, problems };
}

/** One line per denied request (of one source, or all), for a failure message. */
export function deniedRequests(proof: CallProof, source?: ProvenRequest['source']): string[] {
  return proof.requests
    .filter((r) => !r.verdict.allowed && (source === undefined || r.source === source))
    .map(
      (r) =>
        `${r.functionKey}: ${r.action} on ${r.resource}${r.role ? ` (${r.role})` : ''} [${r.operation}, ${r.count}x] -> ${r.verdict.result}`,
    );
}
