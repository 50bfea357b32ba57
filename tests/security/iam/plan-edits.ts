/**
 * Copies of a plan with one function's role policy changed, so the negative
 * tests can show the evaluation notices a broken grant.
 */
import { type PlanView, where } from '../plan-model.ts';

/** A statement of a policy document, as JSON has it. */
export type JsonStatement = Record<string, unknown>;

/** The statement's actions, lower-cased, as a list. */
export function actionsOf(statement: JsonStatement): string[] {
  const actions = statement.Action;
  return (Array.isArray(actions) ? actions : [actions]).filter(Boolean).map((a) => String(a).toLowerCase());
}

/**
 * A deep copy of `plan` in which the role policies of function
 * `<name_prefix><key>` have their statements replaced by `edit(statements)`.
 * @throws Error when the plan has no such function.
 */
export function editRolePolicy(
  plan: PlanView,
  key: string,
  edit: (statements: JsonStatement[]) => JsonStatement[],
): PlanView {
  const copy = structuredClone(plan);
  const name = `${String(copy.variables.name_prefix ?? '')}${key}`;
  const fn = where(copy, 'aws_lambda_function', 'function_name', name)[0];
  const role = where(copy, 'aws_iam_role', 'arn', fn?.values.role)[0];
  if (!role) throw new Error(`the plan has no function ${name} with a role`);
  for (const policy of where(copy, 'aws_iam_role_policy', 'role', role.values.name)) {
    const document = JSON.parse(String(policy.values.policy)) as {
      Statement: JsonStatement[] | JsonStatement;
    };
    const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
    const edited = edit(structuredClone(statements));
    policy.values.policy = JSON.stringify({ ...document, Statement: edited });
  }
  return copy;
}
