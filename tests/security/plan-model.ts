/**
 * The parts of `terraform show -json <plan>` the security checks read: every
 * managed resource with the values the plan gives it, the outputs and the
 * root variables.
 */

/** One managed resource instance of the plan. */
export interface PlannedResource {
  /** Full address, e.g. `module.pipeline.module.storage.aws_s3_bucket.this["uploads"]`. */
  address: string;
  /** Resource type, e.g. `aws_s3_bucket`. */
  type: string;
  /** Attribute values as the provider schema nests them (blocks are arrays of objects). */
  values: Record<string, unknown>;
}

/** What the checks see of a plan. */
export interface PlanView {
  resources: PlannedResource[];
  /** Root module outputs by name. */
  outputs: Record<string, unknown>;
  /** Root module variables by name. */
  variables: Record<string, unknown>;
}

interface JsonResource {
  address: string;
  mode: string;
  type: string;
  values?: Record<string, unknown>;
}

interface JsonModule {
  resources?: JsonResource[];
  child_modules?: JsonModule[];
}

interface JsonResourceChange {
  address: string;
  mode: string;
  type: string;
  change: {
    actions: string[];
    after: Record<string, unknown> | null;
    after_unknown?: Record<string, unknown>;
  };
}

interface JsonPlan {
  resource_changes?: JsonResourceChange[];
  prior_state?: { values?: { root_module?: JsonModule; outputs?: Record<string, { value?: unknown }> } };
  output_changes?: Record<string, { after?: unknown; after_unknown?: unknown }>;
  variables?: Record<string, { value?: unknown }>;
}

function priorResources(module: JsonModule | undefined, into = new Map<string, JsonResource>()) {
  for (const resource of module?.resources ?? []) into.set(resource.address, resource);
  for (const child of module?.child_modules ?? []) priorResources(child, into);
  return into;
}

/**
 * Reads a plan's JSON. A resource's values are the planned ones; an attribute
 * the plan leaves unknown (a moto quirk makes a few resources drift, and an
 * update defers the policy documents that depend on them) takes the value the
 * refreshed prior state holds, which the same configuration just produced.
 * @throws Error when the JSON is not a plan with resource changes.
 */
export function readPlan(json: unknown): PlanView {
  const plan = json as JsonPlan;
  if (!Array.isArray(plan?.resource_changes)) throw new Error('not a terraform plan: no resource_changes');
  const prior = priorResources(plan.prior_state?.values?.root_module);
  const resources: PlannedResource[] = [];
  for (const rc of plan.resource_changes) {
    if (rc.mode !== 'managed' || rc.change.after === null) continue;
    const values: Record<string, unknown> = { ...rc.change.after };
    const priorValues = prior.get(rc.address)?.values ?? {};
    for (const [name, unknown] of Object.entries(rc.change.after_unknown ?? {})) {
      if (unknown === true) values[name] = priorValues[name];
    }
    resources.push({ address: rc.address, type: rc.type, values });
  }
  const outputs: Record<string, unknown> = {};
  for (const [name, output] of Object.entries(plan.prior_state?.values?.outputs ?? {}))
    outputs[name] = output.value;
  for (const [name, change] of Object.entries(plan.output_changes ?? {})) {
    if (change.after_unknown === true) continue;
    // An object output leaves its unknown fields out of `after`: keep the applied copy's.
    const prior = outputs[name];
    outputs[name] = isObject(prior) && isObject(change.after) ? { ...prior, ...change.after } : change.after;
  }
  // The runtime contract is one object (output `pipeline`); checks name its fields directly.
  const contract = outputs.pipeline;
  if (contract && typeof contract === 'object') Object.assign(outputs, contract);
  const variables: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(plan.variables ?? {})) variables[name] = variable.value;
  return { resources, outputs, variables };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every resource of one type. */
export function ofType(plan: PlanView, type: string): PlannedResource[] {
  return plan.resources.filter((resource) => resource.type === type);
}

/** The resources of `type` whose attribute `attribute` equals `value`. */
export function where(plan: PlanView, type: string, attribute: string, value: unknown): PlannedResource[] {
  return ofType(plan, type).filter((resource) => resource.values[attribute] === value);
}

/** A string attribute, or undefined when it is absent, null or not a string. */
export function str(resource: PlannedResource | undefined, attribute: string): string | undefined {
  const value = resource?.values[attribute];
  return typeof value === 'string' ? value : undefined;
}

/** The first object of a nested block (blocks are arrays in the plan's JSON), or undefined. */
export function block(value: unknown, name: string): Record<string, unknown> | undefined {
  const list = (value as Record<string, unknown> | undefined)?.[name];
  return Array.isArray(list) && typeof list[0] === 'object' && list[0] !== null
    ? (list[0] as Record<string, unknown>)
    : undefined;
}
