/** Simplified Chinese messages, one chunk loaded only when Chinese is the language. */
import { byArea, type Messages } from '../areas';

export default byArea(
	import.meta.glob<Messages>('./zh-CN/*.json', { eager: true, import: 'default' })
);
