import { describe, expect, it } from 'vitest';
import { SseParser } from './sse';

describe('SseParser', () => {
	it('joins events split across chunks, skips comments, handles CRLF and multi-line data', () => {
		const p = new SseParser();
		expect(p.push(': heartbeat\n\ndata: "RES')).toEqual([]);
		expect(p.push('YNC"\n\ndata: {"a":\r\ndata: 1}\r\n\r\n')).toEqual(['"RESYNC"', '{"a":\n1}']);
	});
});
