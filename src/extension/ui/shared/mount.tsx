import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import './page.css';

/** Renders an extension page into its `#root`. */
export function mount(page: ReactNode): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('extension page without #root');
  createRoot(root).render(<StrictMode>{page}</StrictMode>);
}
