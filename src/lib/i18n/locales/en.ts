/** English messages, one chunk loaded only when English is the language. */
import { byArea, type Messages } from '../areas';

export default byArea(
	import.meta.glob<Messages>('./en/*.json', { eager: true, import: 'default' })
);
