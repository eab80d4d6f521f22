// Entry of a sandbox worker: loads the TypeScript worker through tsx's scoped loader, which
// works alike under `node --import tsx`, vitest, and plain node.
import { tsImport } from 'tsx/esm/api';

await tsImport('./sandbox-worker.ts', import.meta.url);
