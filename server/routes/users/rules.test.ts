import { describe, expect, it } from 'vitest';
import { managerProblem, patchedState } from './rules';

const manager = { id: 'm1', role: 'manager' as const };

describe('managerProblem', () => {
	it('accepts a rep under a manager, and anyone without a manager', () => {
		expect(managerProblem({ userId: 'r1', role: 'rep', managerId: 'm1', manager })).toBeUndefined();
		expect(managerProblem({ role: 'admin', managerId: null })).toBeUndefined();
	});

	it('refuses managers of managers and admins, self-management, unknown and non-manager managers', () => {
		expect(managerProblem({ role: 'manager', managerId: 'm1', manager })).toMatch(/has no manager/);
		expect(managerProblem({ role: 'admin', managerId: 'm1', manager })).toMatch(/has no manager/);
		expect(managerProblem({ userId: 'm1', role: 'rep', managerId: 'm1', manager })).toMatch(
			/themselves/
		);
		expect(managerProblem({ role: 'rep', managerId: 'x' })).toMatch(/names no user/);
		expect(
			managerProblem({ role: 'rep', managerId: 'r2', manager: { id: 'r2', role: 'rep' } })
		).toMatch(/role is manager/);
	});
});

describe('patchedState', () => {
	const rep = { role: 'rep' as const, managerId: 'm1', disabled: false };

	it('keeps what the patch does not mention', () => {
		expect(patchedState(rep, {})).toEqual(rep);
		expect(patchedState(rep, { disabled: true })).toEqual({ ...rep, disabled: true });
	});

	it('drops the manager when the role leaves rep, unless one is given', () => {
		expect(patchedState(rep, { role: 'manager' })).toEqual({
			role: 'manager',
			managerId: null,
			disabled: false
		});
		expect(patchedState(rep, { role: 'manager', managerId: 'm2' }).managerId).toBe('m2');
		expect(patchedState(rep, { managerId: null }).managerId).toBeNull();
	});
});
