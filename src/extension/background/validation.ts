// Turns zod failures into EIP-1193 -32602 errors that name the failing field, and refuses
// messages too large to hand to zod at all.
import type { z } from 'zod/mini';
import { ProviderErrorCode } from '../messages';
import { oversizeMessage } from '../request-limits';
import { ProviderRpcError } from './errors';

export function describeIssues(error: z.core.$ZodError, root: string): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = [root, ...issue.path.map(String)].join('.');
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}

/** Parses `value` or throws -32602 naming the field (`params.x.y: …`). */
export function parseOrInvalid<S extends z.ZodMiniType>(schema: S, value: unknown, root: string) {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ProviderRpcError(
      ProviderErrorCode.invalidParams,
      `Invalid ${root}: ${describeIssues(parsed.error, root)}`,
    );
  }
  return parsed.data as z.infer<S>;
}

/**
 * The -32602 "Request too large: …" error for a Port message over `REQUEST_LIMITS`, or null.
 * Cheap and bounded (`overJsonLimits`), so it runs before any schema: the relay checks the same,
 * but the worker does not rely on a content script for its own safety.
 */
export function requestSizeError(message: unknown): ProviderRpcError | null {
  const tooLarge = oversizeMessage(message);
  return tooLarge ? new ProviderRpcError(ProviderErrorCode.invalidParams, tooLarge) : null;
}
