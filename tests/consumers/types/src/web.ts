// README-style use of `consent-exchange/web` (a plain page, esbuild).
import init, { checkConsentReceipt, initSync, type ReceiptCheck } from "consent-exchange/web";

export async function page(): Promise<boolean> {
  await init();
  const check: ReceiptCheck = checkConsentReceipt("{}");
  return check.ok;
}

export function fromBytes(bytes: BufferSource): void {
  initSync({ module: bytes });
}
