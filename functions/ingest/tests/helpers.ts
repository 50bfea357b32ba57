export * from '@pipeline/testing';
export { makeSmallJpeg as makeJpeg } from '@pipeline/testing';
