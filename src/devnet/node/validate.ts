// Parsing a node request body against its schema: the endpoint gets typed data or the client a
// 400 in Lit's shape naming the first bad field.
import type { z } from 'zod';
import { describeZodError } from '../zod-message';
import { invalidRequest } from './errors';

export function parseNodeBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success) throw invalidRequest(describeZodError(result.error));
  return result.data;
}
