// A session's brokered calls, newest first; mounted only while its "Activity" button is pressed,
// so the popup asks for no activity until the user wants it.
import type { ActivityEntry } from '../../messages';
import { useClock } from '../shared/clock';
import { activityLine } from './activity-line';
import { useActivity } from './use-activity';

/** Counted from the oldest: a new call (listed first) leaves the keys of the others as they were. */
function entryKey(e: ActivityEntry, fromOldest: number): string {
  return `${fromOldest} ${e.at} ${e.method}`;
}

/** Midnight of the day `now` is in, local time: the list shows dates only for other days. */
const startOfDay = (now: number) => new Date(now).setHours(0, 0, 0, 0);

export function ActivityList({ id, sessionId }: { id: string; sessionId: string }) {
  const activity = useActivity(sessionId);
  // Changes once a day: the list re-renders then, not at every tick.
  const today = useClock(startOfDay);
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
              {activityLine(e, today)}
            </span>
          </li>
        ))
      )}
    </ul>
  );
}
