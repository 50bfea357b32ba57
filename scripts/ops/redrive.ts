/**
 * `make redrive QUEUE=<name>`: with `make dev` running, moves every message
 * of a queue function's dead-letter queue back to its queue (redrive-queue.ts
 * says how nothing is lost). `<name>` is the function name (ingest, resize,
 * mailer, ...) or its queue's name. Without one, prints the usage and the
 * queues whose DLQ holds messages.
 *
 * DEV_STACK_FILE=<file> reads another stack than `make dev`'s (the e2e test).
 */
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { localClientConfig } from '@pipeline/local-aws/credentials';
import { readDevStack, runCommand } from './dev-stack.ts';
import { type RedriveResult, redriveQueue, resolveQueue } from './redrive-queue.ts';

const queueNameOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

/** The summary line of a run, plus what to do about anything not moved. */
function summary(result: RedriveResult, from: string, to: string): string[] {
  const lines = [`✔ moved ${result.moved} message${result.moved === 1 ? '' : 's'} from ${from} to ${to}`];
  if (result.notSent > 0)
    lines.push(`✖ ${result.notSent} could not be sent: still in ${from}, visible again in a few minutes`);
  if (result.notDeleted > 0)
    lines.push(`✖ ${result.notDeleted} were sent but not deleted from ${from}: they will be delivered twice`);
  if (result.timedOut) lines.push(`… stopped at the time limit: run it again to move the rest`);
  return lines;
}

/** [function name, messages visible in its DLQ] for every queue function, by name. */
async function deadLetterCounts(
  sqs: SQSClient,
  functions: Record<string, { dlq_url: string | null }>,
): Promise<Array<readonly [string, number]>> {
  const dlqs = Object.entries(functions).flatMap(([fn, f]) => (f.dlq_url ? [[fn, f.dlq_url] as const] : []));
  const counts = await Promise.all(
    dlqs.map(async ([fn, url]) => {
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
      );
      return [fn, Number(Attributes?.ApproximateNumberOfMessages ?? 0)] as const;
    }),
  );
  return counts.sort(([a], [b]) => a.localeCompare(b));
}

async function main() {
  const { endpoint, outputs } = await readDevStack();
  const sqs = new SQSClient(localClientConfig(endpoint, outputs.region));
  const name = process.argv[2];

  if (!name) {
    console.log('Usage: make redrive QUEUE=<function>   (e.g. make redrive QUEUE=ingest)');
    const waiting = (await deadLetterCounts(sqs, outputs.functions)).filter(([, n]) => n > 0);
    if (waiting.length === 0) {
      console.log('Every dead-letter queue is empty: nothing to redrive.');
      return;
    }
    console.log('Dead-letter queues holding messages:');
    for (const [fn, n] of waiting) console.log(`  ${fn.padEnd(14)} ${n}`);
    return;
  }

  const target = resolveQueue(outputs.functions, name);
  const from = queueNameOf(target.dlqUrl);
  const to = queueNameOf(target.queueUrl);
  console.log(`▸ moving the messages of ${from} back to ${to}`);
  const result = await redriveQueue({
    sqs,
    dlqUrl: target.dlqUrl,
    queueUrl: target.queueUrl,
    onProgress: (r) => process.stderr.isTTY && process.stderr.write(`\r  ${r.moved} moved`),
  });
  if (process.stderr.isTTY) process.stderr.write('\r\u001b[2K');
  for (const line of summary(result, from, to)) console.log(line);
  if (result.notSent > 0 || result.notDeleted > 0) process.exitCode = 1;
}

runCommand(main);
