export {
  body,
  config,
  deps,
  emfDuring,
  makeSmallJpeg as makeJpeg,
  type QueueHandler,
  s3EventBody,
  sqsEvent,
  stubFunctionEnv,
} from '../../../tests/support/lambda-unit.ts';
