// A session's brokered calls, newest first; mounted only while its "Activity" button is pressed,
// so the popup asks for no activity until the user wants it.
import type { ActivityEntry } from '../../messages';
import { activityLine } from './activity-line';
import { useActivity } from './use-activity';

/** Counted from the oldest: a new call (listed first) leaves the keys of the others as they were. */
function entryKey(e: ActivityEntry, fromOldest: number): string {
  return `${fromOldest} ${e.at} ${e.method}`;
}

export function ActivityList({
  id,
  sessionId,
  now,
}: {
  id: string;
  sessionId: string;
  now: number;
}) {
  const activity = useActivity(sessionId);
  if (activity.status === 'loading') {
    return (
      <p id={id} className="muted" role="status" aria-busy="true">
        Loading the activity…
      </p>
    );
  }
  if (activity.status === 'error') {
    return (
      <p id={id} className="error" role="alert" data-testid="activity-error">
        Could not load the activity: {activity.message}
      </p>
    );
  }
  return (
    // Focusable so the keyboard can scroll a long list.
    <ul
      id={id}
      className="plain activity"
      aria-label="Activity"
      tabIndex={0}
      data-testid="activity"
    >
      {activity.entries.length === 0 ? (
        <li className="muted" data-testid="no-activity">
          No calls yet
        </li>
      ) : (
        activity.entries.map((e, i) => (
          <li
            key={entryKey(e, activity.entries.length - i)}
            className={e.result === 'ok' ? undefined : 'error'}
            data-testid="activity-entry"
            data-result={e.result}
          >
            {/* The nodes' URLs on hover; the item's text stays the one line. */}
            <span
              title={e.nodes.length ? `Nodes that answered:\n${e.nodes.join('\n')}` : undefined}
            >
              {activityLine(e, now)}
            </span>
          </li>
        ))
      )}
    </ul>
  );
}
