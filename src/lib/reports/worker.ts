/**
 * The report Web Worker. Two ways to use it: the page posts a dataset with each
 * ReportRequest (`createRequestHandler`), or, for the dashboard, the page names the user's
 * database once (`open`) and the worker reads and follows the records itself
 * (`createSourceHandler` over `RxdbSource`), so only parameters and results travel.
 */
import {
	createRequestHandler,
	type ReportRequest,
	type ReportResponse,
	type SourceMessage,
	type SourceRequest
} from './protocol';
import { COLLECTIONS } from '$lib/domain/collection-names';
import { RxdbSource } from './worker/rxdb-source';
import { createSourceHandler } from './worker/source-handler';
import { idbSnapshotStore } from './worker/snapshot-store';

const scope = self as unknown as {
	onmessage: ((e: MessageEvent<ReportRequest | SourceRequest>) => void) | null;
	postMessage(message: ReportResponse | SourceMessage): void;
};
const handle = createRequestHandler();
const handleSource = createSourceHandler({
	openSource: (name, changed) =>
		new RxdbSource(name, { changed }, COLLECTIONS, { snapshots: idbSnapshotStore() }),
	post: (m) => scope.postMessage(m)
});

scope.onmessage = (e) => {
	const msg = e.data;
	if ('type' in msg) handleSource(msg);
	else scope.postMessage(handle(msg));
};
