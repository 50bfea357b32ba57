export {
  body,
  config,
  deps,
  makeSmallJpeg as makeJpeg,
  s3EventBody,
} from '../../../tests/support/lambda-unit.ts';
