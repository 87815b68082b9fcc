/**
 * A minimal Server-Sent Events parser for streams read with `fetch` (EventSource cannot
 * send a bearer header). Feed it text chunks; it returns the data of complete events.
 */
export class SseParser {
	#buffer = '';
	#data: string[] = [];

	/** Parses a chunk; returns the `data` of every event it completed (comments skipped). */
	push(chunk: string): string[] {
		this.#buffer += chunk;
		const events: string[] = [];
		let nl: number;
		while ((nl = this.#buffer.search(/\r\n|\r|\n/)) >= 0) {
			const line = this.#buffer.slice(0, nl);
			const width = this.#buffer.startsWith('\r\n', nl) ? 2 : 1;
			this.#buffer = this.#buffer.slice(nl + width);
			if (line === '') {
				if (this.#data.length) events.push(this.#data.join('\n'));
				this.#data = [];
			} else if (line.startsWith('data:')) {
				this.#data.push(line.slice(line[5] === ' ' ? 6 : 5));
			}
		}
		return events;
	}
}
