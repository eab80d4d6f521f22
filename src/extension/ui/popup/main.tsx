import { mount } from '../shared/mount';
import { Popup } from './Popup';
import { useSessions } from './sessions-store';

// Ask the worker before React renders: its answer and the first render overlap.
void useSessions.getState().load();
mount(<Popup />);
