import { PermanentError } from '@pipeline/domain';

/** The image is not ACCEPTED or PROCESSED (REJECTED uploads and DELETED images are never reviewed). Permanent. */
export class ImageNotReviewableError extends PermanentError {
  override readonly name = 'ImageNotReviewableError';

  constructor(imageId: string, status: string) {
    super(
      'Image::Conflict',
      `id: image ${imageId} is ${status}; only ACCEPTED or PROCESSED images can be reviewed`,
      { status: 409 },
    );
  }
}
