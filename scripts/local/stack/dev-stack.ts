/**
 * Where `make dev` keeps its stack: the Terraform state, and the endpoint and
 * outputs the operations commands (scripts/ops) read.
 */
import path from 'node:path';
import { LOCAL_DIR } from '../tools.ts';
import type { StackOutputs } from './stack-outputs.ts';

/** Default state file of `make dev`. */
export const DEV_STATE_FILE = path.join(LOCAL_DIR, 'terraform-local.tfstate');

/** Where `make dev` records its moto endpoint and stack outputs, for the operations commands (scripts/ops). */
export const DEV_STACK_FILE = path.join(LOCAL_DIR, 'dev-stack.json');

/** What {@link DEV_STACK_FILE} holds. */
export interface DevStack {
  endpoint: string;
  outputs: StackOutputs;
  /** The local HTTP API's URL, when served. */
  apiUrl?: string;
}
