/** GSI of the images table: hash `owner`, range `createdAt` (an owner's images; sparse without owner). */
export const OWNER_INDEX = 'byOwner';

/** GSI of the images table: hash `status`, range `createdAt` (everyone's images in one status). */
export const STATUS_INDEX = 'byStatus';
