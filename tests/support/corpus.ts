import { isSnapshot, sampleSnapshotDir, sharedCorpusDir } from '../../src/lib/snapshot.ts';

/** True when the real 2018 corpus sits beside the repository. */
export const hasRealCorpus = isSnapshot(sharedCorpusDir);

/** The snapshot tests run on: the real corpus when this machine has it, else the sample. */
export const testSnapshotDir = hasRealCorpus ? sharedCorpusDir : sampleSnapshotDir;
