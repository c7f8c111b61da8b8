/* tslint:disable */
/* eslint-disable */

/**
 * How bad an `Issue` is: errors make the input unusable, warnings do not.
 */
export type Severity = "error" | "warning";



/**
 * One problem found in an input, located by a JSON pointer into the input as given.
 */
export interface Issue {
    /**
     * JSON pointer (RFC 6901) into the input, e.g. `/products/0/accessPeriod/endTime`.
     */
    path: string;
    /**
     * Stable machine code, e.g. `required`, `type`, `expired`.
     */
    code: string;
    /**
     * Human-readable explanation.
     */
    message: string;
    /**
     * Whether the issue makes the input unusable.
     */
    severity: Severity;
}



/**
 * Whether `signatureHex` (the `X-Request-Signature-SHA-256` header) is the HMAC-SHA256
 * of the raw body under the webhook secret, compared in constant time. A missing or
 * malformed signature is `false`.
 */
export function verifyWebhookSignature(body: string | Uint8Array | ArrayBuffer, signature: string | null | undefined, secret: string | Uint8Array): boolean;
