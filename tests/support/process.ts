import { spawn } from 'node:child_process';
import { projectRoot } from '../../src/lib/snapshot.ts';

export interface NodeRun {
	code: number | null;
	stdout: string;
	stderr: string;
}

export interface RunOptions {
	cwd?: string;
	env?: Record<string, string>;
}

/** Returns the exit code and output of a Node script run to its end with extra `env`. */
export function runNode(args: string[], options: RunOptions = {}): Promise<NodeRun> {
	return runCommand(process.execPath, args, options);
}

/** Returns the exit code and output of a command run to its end with extra `env`. */
export function runCommand(
	command: string,
	args: string[],
	{ cwd = projectRoot, env = {} }: RunOptions = {}
): Promise<NodeRun> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd,
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}
