// One readable line out of a zod failure: the first issue, with the path to the bad field.
import type { z } from 'zod';

export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid value';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
