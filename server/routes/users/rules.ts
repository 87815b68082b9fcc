/**
 * The rules of who may manage whom, as pure checks: only a rep has a manager, the manager
 * is a user whose role is manager, nobody manages themselves.
 */
import type { Role } from '../../auth/user';

export interface ManagerCheck {
	userId?: string;
	role: Role;
	managerId: string | null;
	/** The user `managerId` names, when it exists. */
	manager?: { id: string; role: Role };
}

/** Why this role/manager pair is not allowed, or undefined when it is. */
export function managerProblem(check: ManagerCheck): string | undefined {
	if (check.managerId === null) return undefined;
	if (check.role !== 'rep') return `must be empty: a ${check.role} has no manager`;
	if (check.userId !== undefined && check.managerId === check.userId)
		return 'cannot be the user themselves';
	if (!check.manager) return 'names no user';
	if (check.manager.role !== 'manager') return 'must name a user whose role is manager';
	return undefined;
}

export interface UserState {
	role: Role;
	managerId: string | null;
	disabled: boolean;
}

/** The state after a patch; a role change away from rep drops the manager unless one is given. */
export function patchedState(
	current: UserState,
	patch: { role?: Role; managerId?: string | null; disabled?: boolean }
): UserState {
	const role = patch.role ?? current.role;
	const managerId =
		patch.managerId !== undefined ? patch.managerId : role === 'rep' ? current.managerId : null;
	return { role, managerId, disabled: patch.disabled ?? current.disabled };
}
