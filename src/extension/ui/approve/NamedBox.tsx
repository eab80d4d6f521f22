// A box of text shown whole and wrapped (a long line cannot hide text far to the right). It is
// focusable, to scroll it by keyboard, and so a region named by its label: a <label> cannot name
// a <pre>. A warning about the text goes between the two (`notice`).
import { useId, type ReactNode } from 'react';

export function NamedBox({
  label,
  testId,
  notice,
  children,
}: {
  label: string;
  testId?: string;
  notice?: ReactNode;
  children: string;
}) {
  const id = useId();
  return (
    <>
      <label id={id}>{label}</label>
      {notice}
      <pre
        className="code wrap"
        role="region"
        aria-labelledby={id}
        tabIndex={0}
        data-testid={testId}
      >
        {children}
      </pre>
    </>
  );
}
