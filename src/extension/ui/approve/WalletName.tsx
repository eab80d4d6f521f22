// A page wallet's name as the page announced it (up to 100 characters of the site's choosing):
// invisible and bidi characters written out, so it cannot reorder or hide what follows it.
import { revealHidden } from './message-text';

export function WalletName({ name }: { name: string }) {
  const shown = revealHidden(name);
  return (
    <>
      <span className="site-text" data-testid="wallet-name">
        {shown.text}
      </span>
      {shown.hidden > 0 && (
        <span className="error" data-testid="wallet-name-hidden">
          {' '}
          (its name holds {shown.hidden} invisible or reordering character
          {shown.hidden === 1 ? '' : 's'})
        </span>
      )}
    </>
  );
}
