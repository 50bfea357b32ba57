// Human-readable sizes for build logs.

/**
 * @param {number} bytes
 * @returns {string} e.g. "812 B", "41.3 KiB", "9.87 MiB"
 */
export function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(2)} MiB`;
}
