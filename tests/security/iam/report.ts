/**
 * The IAM evaluation as a note a person can read: per function, each action
 * with how often the suites made it and the evaluator's verdict, then every
 * finding.
 */
import type { ProvenRequest } from './prove-calls.ts';

/** What the report tells besides the per-request verdicts. */
export interface ReportFindings {
  /** Where the calls came from and which plan they were evaluated against. */
  sources: string[];
  denied: string[];
  unused: string[];
  unverifiedSenders: string[];
  problems: string[];
  /** Service-to-service deliveries, one line each with its verdict. */
  deliveries: string[];
}

interface Row {
  action: string;
  source: ProvenRequest['source'];
  count: number;
  allowed: number;
  denied: number;
}

function rows(requests: ProvenRequest[]): Row[] {
  const byAction = new Map<string, Row>();
  for (const r of requests) {
    const key = `${r.source} ${r.action}${r.role ? ` (${r.role})` : ''}`;
    const row = byAction.get(key) ?? {
      action: `${r.action}${r.role ? ` (${r.role})` : ''}`,
      source: r.source,
      count: 0,
      allowed: 0,
      denied: 0,
    };
    row.count += r.count;
    if (r.verdict.allowed) row.allowed += r.count;
    else row.denied += r.count;
    byAction.set(key, row);
  }
  return [...byAction.values()].sort(
    (a, b) => a.source.localeCompare(b.source) || a.action.localeCompare(b.action),
  );
}

function section(title: string, lines: string[], empty: string): string[] {
  return [`## ${title}`, '', ...(lines.length > 0 ? lines.map((l) => `- ${l}`) : [empty]), ''];
}

/** The report as Markdown. */
export function renderReport(requests: ProvenRequest[], findings: ReportFindings): string {
  const out = [
    '# IAM evaluation of the recorded AWS calls',
    '',
    ...findings.sources.map((s) => `- ${s}`),
    '- recorded: made by an SDK call in the suites; implied: made by AWS with the role (KMS once per',
    '  publish to an encrypted topic; the Lambda poller and log writes once per function)',
    '',
  ];
  const functions = [...new Set(requests.map((r) => r.functionKey))].sort();
  for (const fn of functions) {
    out.push(`## ${fn}`, '', '| action | source | count | verdict |', '|---|---|---:|---|');
    for (const row of rows(requests.filter((r) => r.functionKey === fn))) {
      const verdict = row.denied === 0 ? 'allowed' : `**DENIED** ${row.denied} of ${row.count}`;
      out.push(`| ${row.action} | ${row.source} | ${row.count} | ${verdict} |`);
    }
    out.push('');
  }
  out.push(
    ...section('Denied requests', findings.denied, 'None.'),
    ...section('Granted but never used', findings.unused, 'None.'),
    ...section('SES senders the plan does not verify', findings.unverifiedSenders, 'None.'),
    ...section('Other findings', findings.problems, 'None.'),
    ...section('Service-to-service deliveries', findings.deliveries, 'Not evaluated.'),
  );
  return `${out.join('\n')}\n`;
}
