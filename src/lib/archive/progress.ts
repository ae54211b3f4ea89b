/** Reports how far a counted step has come: a bar on a terminal, a line every few seconds elsewhere. */
export interface Progress {
	tick(done: number): void;
	done(): void;
}

/** Returns a readable duration, such as `850 ms` or `12.3 s`. */
export function formatDuration(ms: number): string {
	return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Returns a readable size, such as `4.2 MB`. */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Returns a progress reporter for `total` items of a step called `label`. */
export function progress(
	label: string,
	total: number,
	{ stream = process.stderr, intervalMs = 5000 } = {}
): Progress {
	const tty = stream.isTTY === true;
	let last = performance.now();
	const line = (done: number) => `${label} ${done}/${total}`;

	return {
		tick(done) {
			const now = performance.now();
			if (tty) {
				// Redraw at most every 100 ms; a terminal needs no more.
				if (now - last < 100 && done < total) return;
				last = now;
				const width = 24;
				const filled = Math.round((done / Math.max(total, 1)) * width);
				stream.write(`\r${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${line(done)}`);
			} else if (now - last >= intervalMs) {
				last = now;
				stream.write(`${line(done)}\n`);
			}
		},
		done() {
			if (tty) stream.write('\r\x1b[K');
		},
	};
}
