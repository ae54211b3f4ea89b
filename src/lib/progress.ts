import path from 'node:path';

/*
 * Progress for long steps (fetch, archive). On a terminal it redraws one bar in place; anywhere
 * else (CI logs, pipes) it prints one plain line every few seconds. Either way the step ends
 * with one summary line on stdout, while the bar and the status lines go to stderr.
 *
 *   const progress = startProgress('Fetching occupations', list.length);
 *   for (const item of list) { await work(item); progress.advance(); }
 *   const took = formatDuration(progress.elapsedMs());
 *   progress.finish(`Fetched ${list.length} occupations in ${took} → ${displayPath(out)}`);
 */

export interface ProgressOptions {
	/** Where the bar and status lines go; stderr by default, so stdout stays for results. */
	stream?: NodeJS.WritableStream & { isTTY?: boolean };
	/** Where the summary line goes; stdout by default. */
	summaryStream?: NodeJS.WritableStream;
	/** Draw a bar (true) or print plain lines (false); by default, whether `stream` is a TTY. */
	tty?: boolean;
	/** How often a plain status line is printed when not drawing a bar. */
	intervalMs?: number;
}

export interface Progress {
	/** Counts `count` more items as done and redraws when it is time to. */
	advance(count?: number): void;
	/** Changes the total, for steps that learn their size as they go. */
	setTotal(total: number): void;
	/** Prints a message on a line of its own without breaking the bar. */
	log(message: string): void;
	/** Milliseconds since the step started. */
	elapsedMs(): number;
	/** Removes the bar, stops the timer and prints the one summary line, if given. */
	finish(summary?: string): void;
}

const barWidth = 24;

/** Returns a progress reporter for a step of `total` items, already started. */
export function startProgress(
	label: string,
	total: number,
	{
		stream = process.stderr,
		summaryStream = process.stdout,
		tty,
		intervalMs = 5000,
	}: ProgressOptions = {}
): Progress {
	const drawBar = tty ?? stream.isTTY === true;
	const started = performance.now();
	let done = 0;
	let lastDraw = 0;
	let barShown = false;
	let finished = false;

	// A plain line every few seconds even when nothing advances, so a stalled step is visible.
	const timer = drawBar ? undefined : setInterval(() => stream.write(`${status()}\n`), intervalMs);
	timer?.unref();

	function status(): string {
		const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
		const seconds = formatDuration(performance.now() - started);
		return `${label}: ${done}/${total} (${percent}%), ${seconds}`;
	}

	function draw(force = false) {
		if (!drawBar || finished) return;
		const now = performance.now();
		// Redrawing on every item would cost more than the items on a fast step.
		if (!force && now - lastDraw < 100 && done < total) return;
		lastDraw = now;
		const filled = total > 0 ? Math.round((Math.min(done, total) / total) * barWidth) : 0;
		const bar = '█'.repeat(filled) + '░'.repeat(barWidth - filled);
		stream.write(`\r\x1b[2K${bar} ${status()}`);
		barShown = true;
	}

	function clearBar() {
		if (barShown) stream.write('\r\x1b[2K');
		barShown = false;
	}

	draw(true);
	return {
		advance(count = 1) {
			done += count;
			draw();
		},
		setTotal(value) {
			total = value;
			draw(true);
		},
		log(message) {
			clearBar();
			stream.write(`${message}\n`);
			draw(true);
		},
		elapsedMs: () => performance.now() - started,
		finish(summary) {
			clearBar();
			finished = true;
			if (timer) clearInterval(timer);
			if (summary !== undefined) summaryStream.write(`${summary}\n`);
		},
	};
}

/** Returns a path for a message: relative to the current folder when inside it, else absolute. */
export function displayPath(file: string): string {
	const relative = path.relative(process.cwd(), file);
	// `data/snapshot` reads better than the absolute path it stands for.
	return relative && !relative.startsWith('..') && !path.isAbsolute(relative)
		? relative
		: path.resolve(file);
}

/** Returns a duration as a short readable text, such as `850 ms`, `4.1 s` or `2 min 5 s`. */
export function formatDuration(ms: number): string {
	if (ms < 1000) return `${Math.round(ms)} ms`;
	if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
	const seconds = Math.round(ms / 1000);
	return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
