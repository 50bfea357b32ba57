/**
 * What the end-to-end section runs on: a moto server on a free port, and a
 * poller that waits for uploads to read PROCESSED with one BatchGetItem per
 * tick for every image still awaited.
 */
import path from 'node:path';
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type MotoServer, startMoto } from '../local/moto/moto-server.ts';

const POLL_MS = 100;
const TIMEOUT_MS = 120_000;

/** Starts moto on `firstPort` or one of the next 9 ports that is free; its log goes to `stateDir`. */
export async function startFreeMoto(firstPort: number, stateDir: string): Promise<MotoServer> {
  let lastError: unknown;
  for (let port = firstPort; port < firstPort + 10; port++) {
    try {
      return await startMoto({ port, logFile: path.join(stateDir, `moto-${port}.log`) });
    } catch (error) {
      if (!/port \d+:/.test((error as Error).message)) throw error;
      lastError = error;
    }
  }
  throw new Error(`no free port for moto from ${firstPort}: ${(lastError as Error).message}`);
}

/** One BatchGetItem per tick for every image still awaited, instead of a poll loop per upload. */
export class StatusTracker {
  private readonly waiting = new Map<
    string,
    { key: string; deadline: number; resolve: () => void; reject: (e: Error) => void; seen: string }
  >();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  waitForProcessed(imageId: string, key: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.set(imageId, {
        key,
        deadline: Date.now() + TIMEOUT_MS,
        resolve,
        reject,
        seen: 'no record',
      });
      this.timer ??= setTimeout(() => void this.tick(), POLL_MS);
    });
  }

  private async tick(): Promise<void> {
    const ids = [...this.waiting.keys()];
    for (let i = 0; i < ids.length; i += 100) {
      const chunk = ids.slice(i, i + 100);
      const response = await this.dynamo
        .send(
          new BatchGetCommand({
            RequestItems: {
              [this.table]: { Keys: chunk.map((imageId) => ({ imageId })), ConsistentRead: true },
            },
          }),
        )
        .catch(() => undefined);
      for (const item of response?.Responses?.[this.table] ?? []) {
        const entry = this.waiting.get(item.imageId as string);
        if (!entry) continue;
        entry.seen = `${item.status} ${item.statusReason ?? ''}`.trim();
        if (item.status === 'PROCESSED') {
          this.waiting.delete(item.imageId as string);
          entry.resolve();
        } else if (item.status === 'REJECTED' || item.status === 'DELETED') {
          this.waiting.delete(item.imageId as string);
          entry.reject(new Error(`${entry.key} ended ${entry.seen}, not PROCESSED`));
        }
      }
    }
    for (const [imageId, entry] of this.waiting) {
      if (Date.now() > entry.deadline) {
        this.waiting.delete(imageId);
        entry.reject(
          new Error(
            `timed out after ${TIMEOUT_MS} ms waiting for ${entry.key} to be PROCESSED (last: ${entry.seen})`,
          ),
        );
      }
    }
    this.timer = this.waiting.size > 0 ? setTimeout(() => void this.tick(), POLL_MS) : undefined;
  }
}
