/** Valid sample records for the domain tests; each test changes one thing and checks the verdict. */
export const ID = '0190c1d2-3e4f-7a5b-8c6d-7e8f9a0b1c2d';
export const CUSTOMER_ID = '0190c1d2-3e4f-7a5b-8c6d-000000000001';
export const AT = Date.UTC(2024, 4, 1, 9, 0);

export const base = { id: ID, updatedAt: AT };

/** The path and message of each issue, for compact assertions. */
export function issuesOf(result: {
	success: boolean;
	error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
	return (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
}
