/** One request as an IAM evaluator sees it: action, resource ARN and condition keys. */
export interface IamRequest {
  /** `<service prefix>:<Action>`, e.g. `s3:GetObject`. */
  action: string;
  /** The resource ARN, or `*` for actions without resource-level permissions. */
  resource: string;
  /** Condition keys the request carries (`s3:prefix`, `ses:FromAddress`, ...). */
  context?: Record<string, string | string[]>;
  /** SES only: whose identity the request is authorized against. */
  role?: 'sender' | 'recipient';
}

/** IAM service prefixes of the clients the functions use. */
export type IamService =
  | 's3'
  | 'dynamodb'
  | 'sns'
  | 'ses'
  | 'cognito-idp'
  | 'cloudwatch'
  | 'sqs'
  | 'cloudfront';

/** Where ARNs without a name of their own (tables, pools, identities) live. */
export interface ArnScope {
  region: string;
  account: string;
}
