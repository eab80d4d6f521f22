// A site's origin as the approval window names it: whole, wrapped anywhere (a long host cannot push
// its real domain out of view), with its last labels and port emphasised (`origin-parts.ts`).
import { originParts } from './origin-parts';

export function OriginName({ origin }: { origin: string }) {
  const { lead, end } = originParts(origin);
  return (
    <span className="origin-name" data-testid="origin">
      {lead}
      {end && (
        <strong className="origin-end" data-testid="origin-end">
          {end}
        </strong>
      )}
    </span>
  );
}
