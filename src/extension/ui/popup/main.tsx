import { mount } from '../shared/mount';
import { Popup } from './Popup';
import { useSessions } from './sessions-store';

// Ask the worker before React renders (its answer and the first render overlap), listening to
// storage changes from the start: the popup stays open for its whole life, so nothing unsubscribes.
useSessions.getState().start();
mount(<Popup />);
