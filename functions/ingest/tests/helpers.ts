export {
  body,
  config,
  deps,
  makeSmallJpeg as makeJpeg,
  type QueueHandler,
  s3EventBody,
  sqsEvent,
  stubFunctionEnv,
} from '../../../tests/support/lambda-unit.ts';
