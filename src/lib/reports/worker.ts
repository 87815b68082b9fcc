/** The report Web Worker: answers each ReportRequest with a ReportResponse. */
import { createRequestHandler, type ReportRequest, type ReportResponse } from './protocol';

const scope = self as unknown as {
	onmessage: ((e: MessageEvent<ReportRequest>) => void) | null;
	postMessage(message: ReportResponse): void;
};
const handle = createRequestHandler();

scope.onmessage = (e) => scope.postMessage(handle(e.data));
