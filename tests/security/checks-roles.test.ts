/**
 * The function-role, operations and mail checks: silent on a clean plan (checks.test.ts),
 * and each finds the one thing a test breaks.
 */
import { describe, expect, it } from 'vitest';
import { findings } from './check-findings.ts';
import { functionRoleViolations } from './checks/function-roles.ts';
import { concurrencyViolations } from './checks/operations.ts';
import { cleanPlan } from './clean-plan.ts';
import { ARNS, at, editStatement, MANIFESTS, policy } from './fixtures.ts';
import type { PlanView } from './plan-model.ts';

describe('functionRoleViolations: queues, table and bucket grants', () => {
  it("finds another function's queue, and a queue of its own that is missing", () => {
    const other = 'arn:aws:sqs:us-east-1:123456789012:p-resize';
    const found = findings('roles', (p) =>
      editStatement(p, 'ingest', 'OwnQueue', (s) => ({ ...s, Resource: other })),
    );
    expect(found).toContainEqual(expect.stringContaining(`allows sqs:receivemessage ${other}`));
    expect(found).toContainEqual(expect.stringContaining(`lacks sqs:receivemessage ${ARNS.ingestQueue}`));
  });

  it('finds a mapping that reads another queue', () => {
    const found = findings('roles', (p) => {
      at(p, 'aws_lambda_event_source_mapping.ingest').event_source_arn = ARNS.ingestDlq;
    });
    expect(found).toEqual([expect.stringContaining('not its own queue')]);
  });

  it('finds table actions beyond the permission words', () => {
    const found = findings('roles', (p) =>
      editStatement(p, 'ingest', 'ImagesWrite', (s) => ({
        ...s,
        Action: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Scan'],
      })),
    );
    expect(found).toEqual([
      expect.stringContaining(`allows dynamodb:deleteitem ${ARNS.images}`),
      expect.stringContaining(`allows dynamodb:scan ${ARNS.images}`),
    ]);
  });

  it('finds a grant the manifest lost its word for', () => {
    const plan = cleanPlan();
    const manifests = {
      ...MANIFESTS,
      ingest: {
        ...MANIFESTS.ingest,
        permissions: ['uploads:read', 'uploads:list', 'images:read', 'images:create', 'events:publish'],
      },
    };
    expect(functionRoleViolations(plan, manifests)).toEqual([
      expect.stringContaining('allows dynamodb:updateitem'),
    ]);
  });

  it('finds uploads objects granted on the whole bucket instead of uploads/', () => {
    const found = findings('roles', (p) =>
      editStatement(p, 'ingest', 'UploadsRead', (s) => ({ ...s, Resource: `${ARNS.uploads}/*` })),
    );
    expect(found).toEqual([
      expect.stringContaining(`allows s3:getobject ${ARNS.uploads}/*`),
      expect.stringContaining(`lacks s3:getobject ${ARNS.uploads}/uploads/*`),
    ]);
  });
});

describe('functionRoleViolations: logs, inline policies, managed policies and trust', () => {
  it("finds another function's log group", () => {
    const found = findings('roles', (p) =>
      editStatement(p, 'ingest', 'OwnLogs', (s) => ({
        ...s,
        Resource: `${ARNS.logGroup('bucket-metrics')}:*`,
      })),
    );
    expect(found).toContainEqual(expect.stringContaining('allows logs:createlogstream'));
  });

  it("finds grants in the role's own inline_policy blocks, but not twice for the policies the plan manages", () => {
    const found = findings('roles', (p) => {
      at(p, 'aws_iam_role.ingest').inline_policy = [
        { name: 'p-ingest', policy: String(at(p, 'aws_iam_role_policy.ingest').policy) },
        { name: 'extra', policy: policy([{ Action: 'sqs:SendMessage', Resource: ARNS.ingestDlq }]) },
      ];
    });
    expect(found).toEqual([expect.stringContaining(`allows sqs:sendmessage ${ARNS.ingestDlq}`)]);
    const wildcards = findings('wildcards', (p) => {
      at(p, 'aws_iam_role.ingest').inline_policy = [
        { name: 'p-ingest', policy: String(at(p, 'aws_iam_role_policy.ingest').policy) },
        { name: 'extra', policy: policy([{ Action: 'sqs:*', Resource: ARNS.ingestDlq }]) },
      ];
    });
    expect(wildcards).toEqual([expect.stringContaining('inline_policy[extra]')]);
  });

  it('finds a managed policy, a trust beyond Lambda and an invoke permission without a source', () => {
    const found = findings('roles', (p) => {
      at(p, 'aws_iam_role.ingest').managed_policy_arns = ['arn:aws:iam::aws:policy/AdministratorAccess'];
      at(p, 'aws_iam_role.bucket-metrics').assume_role_policy = policy([
        { Action: 'sts:AssumeRole', Principal: { AWS: 'arn:aws:iam::999999999999:root' } },
      ]);
      at(p, 'aws_lambda_permission.schedule').source_arn = null;
    });
    expect(found).toEqual([
      expect.stringContaining('managed policy arn:aws:iam::aws:policy/AdministratorAccess'),
      expect.stringContaining('trust policy'),
      expect.stringContaining('from any source'),
    ]);
  });
});

describe('logRetentionViolations', () => {
  it('finds a log group kept forever, a function logging elsewhere, and API access logs elsewhere', () => {
    const found = findings('logs', (p) => {
      at(p, 'aws_cloudwatch_log_group.ingest').retention_in_days = 0;
      at(p, 'aws_lambda_function.bucket-metrics').logging_config = [{ log_group: '/custom/unmanaged' }];
      at(p, 'aws_apigatewayv2_stage.default').access_log_settings = [];
    });
    expect(found).toEqual([
      expect.stringContaining('retention_in_days 0'),
      expect.stringContaining('logs to /custom/unmanaged'),
      expect.stringContaining('no access logs'),
    ]);
  });

  it('finds a function without its log group', () => {
    const found = findings('logs', (p) => {
      p.resources = p.resources.filter((r) => r.address !== 'aws_cloudwatch_log_group.ingest');
    });
    expect(found).toEqual([expect.stringContaining('logs to /aws/lambda/p-ingest')]);
  });
});

describe('deadLetterViolations', () => {
  it('finds a queue without a dead-letter queue', () => {
    const found = findings('deadLetters', (p) => {
      at(p, 'aws_sqs_queue.ingest').redrive_policy = '';
    });
    // Neither queue is a dead-letter target any more: both lack one.
    expect(found).toEqual([expect.stringContaining('p-ingest)'), expect.stringContaining('p-ingest-dlq)')]);
  });

  it('finds fewer than 5 receives on a queue Lambda polls', () => {
    const found = findings('deadLetters', (p) => {
      at(p, 'aws_sqs_queue.ingest').redrive_policy = JSON.stringify({
        deadLetterTargetArn: ARNS.ingestDlq,
        maxReceiveCount: 4,
      });
    });
    expect(found).toEqual([expect.stringContaining('maxReceiveCount 4 for a queue Lambda polls')]);
  });

  it('finds a target outside the plan, too many receives and a shorter retention', () => {
    const elsewhere = findings('deadLetters', (p) => {
      at(p, 'aws_sqs_queue.ingest').redrive_policy = JSON.stringify({
        deadLetterTargetArn: 'arn:x',
        maxReceiveCount: 5,
      });
    });
    expect(elsewhere).toContainEqual(expect.stringContaining('is not a queue of the plan'));
    const limits = findings('deadLetters', (p) => {
      at(p, 'aws_sqs_queue.ingest').redrive_policy = JSON.stringify({
        deadLetterTargetArn: ARNS.ingestDlq,
        maxReceiveCount: 1000,
      });
      at(p, 'aws_sqs_queue.ingest_dlq').message_retention_seconds = 60;
    });
    expect(limits).toEqual([
      expect.stringContaining('maxReceiveCount 1000'),
      expect.stringContaining('keeps messages 60 s'),
    ]);
  });
});

describe('concurrencyViolations', () => {
  /** The clean plan as envs/aws makes it with reserved_concurrency_enabled = true. */
  function reserving(p: PlanView): void {
    p.variables.reserved_concurrency_enabled = true;
    for (const [name, manifest] of Object.entries(MANIFESTS)) {
      at(p, `aws_lambda_function.${name}`).reserved_concurrent_executions = manifest.reservedConcurrency;
    }
  }

  it('passes a plan that reserves every ceiling when reserved_concurrency_enabled is on', () => {
    expect(findings('concurrency', reserving)).toEqual([]);
  });

  it('finds a reservation although reserved_concurrency_enabled is off (the default)', () => {
    const found = findings('concurrency', (p) => {
      at(p, 'aws_lambda_function.ingest').reserved_concurrent_executions = 10;
    });
    expect(found).toEqual([
      expect.stringContaining('aws_lambda_function.ingest: reserved_concurrent_executions 10 although'),
    ]);
  });

  it('finds, with reservations on, a function without a limit and one whose limit is not its manifest', () => {
    const found = findings('concurrency', (p) => {
      reserving(p);
      at(p, 'aws_lambda_function.ingest').reserved_concurrent_executions = -1;
      at(p, 'aws_lambda_function.bucket-metrics').reserved_concurrent_executions = 50;
    });
    expect(found).toEqual([
      expect.stringContaining('reserved_concurrent_executions -1 is no limit'),
      expect.stringContaining('function.json asks for 1'),
    ]);
  });

  it('finds an event source mapping without scaling_config.maximum_concurrency, or below 2', () => {
    const none = findings('concurrency', (p) => {
      at(p, 'aws_lambda_event_source_mapping.ingest').scaling_config = [];
    });
    expect(none).toEqual([expect.stringContaining('scaling_config.maximum_concurrency undefined')]);
    const one = findings('concurrency', (p) => {
      at(p, 'aws_lambda_event_source_mapping.ingest').scaling_config = [{ maximum_concurrency: 1 }];
    });
    expect(one).toEqual([expect.stringContaining('scaling_config.maximum_concurrency 1')]);
  });

  it("finds a poller ceiling that is not the manifest's, or above the reservation", () => {
    const other = findings('concurrency', (p) => {
      at(p, 'aws_lambda_event_source_mapping.ingest').scaling_config = [{ maximum_concurrency: 11 }];
    });
    expect(other).toEqual([
      expect.stringContaining("maximum_concurrency 11, but function.json's ceiling is 10"),
    ]);
    const outrun = findings('concurrency', (p) => {
      reserving(p);
      at(p, 'aws_lambda_event_source_mapping.ingest').scaling_config = [{ maximum_concurrency: 11 }];
    });
    expect(outrun).toEqual([expect.stringContaining('maximum_concurrency 11 lets the poller outrun 10')]);
  });

  it('finds a manifest without reservedConcurrency', () => {
    const manifests = { ...MANIFESTS, ingest: { ...MANIFESTS.ingest, reservedConcurrency: undefined } };
    expect(concurrencyViolations(cleanPlan(), manifests)).toEqual([
      expect.stringContaining('p-ingest: function.json has no positive integer reservedConcurrency'),
    ]);
  });
});

describe('mailSendViolations', () => {
  it('finds a grant on the sender identity only (SES also checks each recipient identity)', () => {
    const found = findings('mail', (p) =>
      editStatement(p, 'notify', 'MailSend', (s) => ({ ...s, Resource: ARNS.mail })),
    );
    expect(found).toEqual([expect.stringContaining(`resources ${ARNS.mail}, not ${ARNS.mailIdentities}`)]);
  });

  it('finds identity/* without the ses:FromAddress condition, or pinned to another address', () => {
    const none = findings('mail', (p) =>
      editStatement(p, 'notify', 'MailSend', ({ Condition: _condition, ...s }) => s),
    );
    expect(none).toEqual([expect.stringContaining('ses:FromAddress condition []')]);
    const other = findings('mail', (p) =>
      editStatement(p, 'notify', 'MailSend', (s) => ({
        ...s,
        Condition: { StringEquals: { 'ses:FromAddress': 'someone@else.org' } },
      })),
    );
    expect(other).toEqual([expect.stringContaining('ses:FromAddress condition ["someone@else.org"]')]);
  });

  it('finds a send grant under another Sid, and a stack whose mail:send granted nothing', () => {
    const renamed = findings('mail', (p) =>
      editStatement(p, 'notify', 'MailSend', (s) => ({ ...s, Sid: 'Mail' })),
    );
    expect(renamed).toEqual([expect.stringContaining('whose Sid is not MailSend')]);
    const gone = findings('mail', (p) => editStatement(p, 'notify', 'MailSend', () => undefined));
    expect(gone).toEqual([expect.stringContaining('no role allows ses:SendEmail although notify')]);
  });
});
