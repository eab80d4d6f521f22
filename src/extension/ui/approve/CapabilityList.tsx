// What a session request asks for, one capability a line: plain words, the resource id, a warning
// when the id is `*` (every resource of that kind), and the data that goes with it into the ReCap
// the user signs (revealed: it is the site's JSON).
import type { PendingApprovalView } from '../../messages';
import { wildcardWords } from './capability-words';
import { RevealedText } from './RevealedText';

export function CapabilityList({
  capabilities,
}: {
  capabilities: PendingApprovalView['capabilities'];
}) {
  return (
    <ul className="plain capabilities" data-testid="capabilities">
      {capabilities.map((c, i) => {
        const any = wildcardWords(c.resource);
        return (
          <li key={`${i} ${c.resource} ${c.ability}`} data-testid="capability">
            <strong>{c.label}</strong>: {c.description}
            <br />
            <code className="muted">{c.resource}</code>
            {any && (
              <p className="warning" data-testid="capability-any">
                Applies to <strong>{any}</strong>, not one in particular.
              </p>
            )}
            {c.data !== null && (
              <RevealedText
                label="Data signed with it"
                text={c.data}
                what="The data"
                testId="capability-data"
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}
