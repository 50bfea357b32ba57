/**
 * Issue 12 on the envs/aws plan (made by global-setup.ts): data protection
 * is on with the env's default variables, and the abuse limits are set.
 * checks.test.ts shows each check finds what it is meant to find.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  deletionProtectionViolations,
  lifecycleViolations,
  throttlingViolations,
  tlsOnlyViolations,
} from './checks/data-protection.ts';
import { sourceConditionViolations } from './checks/source-conditions.ts';
import { ofType, type PlanView, readPlan } from './plan-model.ts';

let plan: PlanView;

beforeAll(() => {
  plan = readPlan(JSON.parse(readFileSync(inject('awsPlanFile'), 'utf8')));
});

describe('terraform/envs/aws plan: data protection and abuse limits', () => {
  it('every bucket (uploads, renditions, web) denies requests without TLS in its one policy', () => {
    expect(ofType(plan, 'aws_s3_bucket').length).toBeGreaterThanOrEqual(3);
    expect(tlsOnlyViolations(plan)).toEqual([]);
  });

  it('with default variables the images table keeps PITR, and the tables and the user pool refuse deletion', () => {
    expect(plan.variables.point_in_time_recovery_enabled).toBe(true);
    expect(plan.variables.deletion_protection_enabled).toBe(true);
    expect(plan.variables.user_pool_deletion_protection_enabled).toBe(true);
    expect(ofType(plan, 'aws_cognito_user_pool').length).toBeGreaterThan(0);
    expect(deletionProtectionViolations(plan)).toEqual([]);
  });

  it('the uploads and renditions buckets abort incomplete multipart uploads', () => {
    expect(lifecycleViolations(plan)).toEqual([]);
  });

  it('every service principal in a key, topic or queue policy is pinned by aws:SourceArn or aws:SourceAccount', () => {
    expect(sourceConditionViolations(plan)).toEqual([]);
  });

  it('the HTTP API stage throttles requests below the account-wide budget', () => {
    expect(ofType(plan, 'aws_apigatewayv2_stage')).toHaveLength(1);
    expect(throttlingViolations(plan)).toEqual([]);
  });

  it('the renditions distribution caches a missing rendition briefly and serves no fallback page', () => {
    const renditions = ofType(plan, 'aws_cloudfront_distribution').filter(
      (d) => !(d.values.default_root_object as string | undefined),
    );
    expect(renditions).toHaveLength(1);
    const responses = (renditions[0]?.values.custom_error_response ?? []) as Array<Record<string, unknown>>;
    expect(responses.map((r) => r.error_code).sort()).toEqual([403, 404]);
    for (const response of responses) {
      expect(response.response_page_path ?? '').toBe('');
      expect(response.error_caching_min_ttl).toBeLessThanOrEqual(60);
    }
  });
});
