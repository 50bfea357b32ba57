import { PermanentError } from '@pipeline/domain';

/** The image exists but can no longer be edited (it is DELETED). Permanent. */
export class ImageNotEditableError extends PermanentError {
  override readonly name = 'ImageNotEditableError';

  constructor(imageId: string, status: string) {
    super('Image::Conflict', `id: image ${imageId} is ${status}; it can no longer be edited`, {
      status: 409,
    });
  }
}
