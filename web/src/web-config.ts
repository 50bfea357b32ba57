/** What the app needs to know about its deployment, read from /config.json at start. */
export interface WebConfig {
  /** Base URL of the HTTP API, no trailing slash. */
  apiUrl: string;
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  /** Cognito identity provider endpoint (https://cognito-idp.<region>.amazonaws.com/, or moto locally). */
  cognitoEndpoint: string;
}
