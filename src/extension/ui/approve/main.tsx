import { mount } from '../shared/mount';
import { Approve } from './Approve';

mount(<Approve />);
