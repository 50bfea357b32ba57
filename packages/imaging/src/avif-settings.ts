/**
 * AVIF encoder settings, chosen by measurement: scripts/bench/avif-effort.ts
 * on the bench photos (17.9, 16.8, 4.1 and 2.5 MP; the alpha graphic aside), at 2048 and 480 px, next to the
 * WebP q80 effort 2 the renditions use. Quality is judged by SSIM of the luma
 * against the resized pixels (the measure of encoders.ts). At 2048 px, AVIF
 * against WebP (bytes, ms with 2 shared CPUs, SSIM vs WebP's):
 *
 * | photo | WebP q80 e2 | AVIF q50 e0 | q50 e1 | q50 e2 | q50 e3 | q50 e4 |
 * |---|---|---|---|---|---|---|
 * | adwaita | 29 KB, 196 ms, .9912 | -26%, 371 ms, .9915 | -25%, 442 ms | -33%, 1.8 s | -36%, 2.7 s | -47%, 11 s |
 * | garden | 59 KB, 100 ms, .9806 | -20%, 168 ms, .9826 | -24%, 316 ms | -24%, 1.2 s | -36%, 1.4 s | -42%, 14 s |
 * | storm (1920) | 26 KB, 113 ms, .9796 | -31%, 156 ms, .9812 | -34%, 224 ms | -36%, 946 ms | -49%, 1.1 s | -56%, 10 s |
 * | elephants | 697 KB, 254 ms, .9704 | -57%, 756 ms, .8903 | -58%, 2.3 s, .8901 | -56%, 3.6 s | -58%, 4.9 s | -57%, 54 s |
 *
 * At 480 px effort 1 saved 3-27% (effort 0: 3-20%). So quality 50, at which
 * AVIF's SSIM matches or beats WebP q80's on three photos of four; the fourth
 * (fine texture) stays far below at any effort (q65: .95 against .97), which
 * is why avif-rule.ts checks SSIM per image. Effort 1: effort 2 costs 3-4x
 * the time for 0-8 points more saving, effort 3 5-10x for 10-15 points,
 * effort 4 is 25-50x; effort 0 saves less at small sizes for little time
 * gained. A profile's `avif.effort` overrides it (3 where bytes matter more
 * than encode time).
 */
export const AVIF_SETTINGS = { quality: 50, effort: 1 } as const;
