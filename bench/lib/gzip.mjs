import { execFileSync } from "node:child_process";
import { gzipSync } from "node:zlib";

let haveGzip = null;

/**
 * Bytes of `buf` after `gzip -9`. GNU gzip's deflate differs from zlib's by a few
 * tenths of a percent, so the real tool is used when present; zlib level 9 otherwise.
 */
export function gzip9(buf) {
  if (haveGzip !== false) {
    try {
      const out = execFileSync("gzip", ["-9", "-n", "-c"], { input: buf, maxBuffer: 1 << 28 });
      haveGzip = true;
      return out.length;
    } catch {
      haveGzip = false;
    }
  }
  return gzipSync(buf, { level: 9 }).length;
}
