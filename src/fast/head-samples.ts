// A file's first occurrences of a code are evidence candidates (see MAX_SAMPLES); inside a kernel call their
// evidence text is made once the call is done, and only for those the tally still holds then.
import type { CodeStat, TimedSample } from '../model/tally.js';
import { bucketStart } from '../summary/buckets.js';
import { addEvidence, addSample, keepsEvidence, keepsSample } from '../summary/samples.js';
import type { MakeSample } from './file-ends.js';

/** A candidate whose text is not made yet. */
interface Unmade extends TimedSample {
  text: string;
}

export class HeadSamples {
  private readonly samples: Unmade[] = [];
  private readonly stats: CodeStat[] = [];
  /** Per candidate: catalog index, line start, end, the code's position. */
  private readonly at: number[] = [];
  /** An occurrence asked about (see offer): one object for all. */
  private readonly probe: { file: string; line: number; time: number | null; text: string } = { file: '', line: 0, time: null, text: '' };

  /**
   * Offers an occurrence of code idx (`where[p]`: its line's start and end and the code's position) as a
   * candidate, as addOccurrence would with its text, which is made later (see makeTexts).
   */
  offer(st: CodeStat, idx: number, file: string, line: number, time: number | null, where: readonly number[], p: number): void {
    // One neither its samples nor its evidence would keep now is not a candidate: nothing is made for it.
    const probe = this.probe;
    probe.file = file;
    probe.line = line;
    probe.time = time;
    const samples = st.samples;
    if (!keepsSample(samples, file, line) && !keepsEvidence(st.evidence, probe)) return;
    const x: Unmade = { file, line, time, text: '' };
    addSample(st.samples, x);
    addEvidence(st.evidence, x);
    this.samples.push(x);
    this.stats.push(st);
    this.at.push(idx, where[p]!, where[p + 1]!, where[p + 2]!);
  }

  /** Forgets the candidates offered (what is left of a file that ended). */
  clear(): void {
    this.samples.length = 0;
    this.stats.length = 0;
    this.at.length = 0;
  }

  /** Makes the text of the candidates offered since last asked that the tally still holds (the others are gone). */
  makeTexts(make: MakeSample): void {
    for (let k = 0; k < this.samples.length; k++) {
      const x = this.samples[k]!;
      const st = this.stats[k]!;
      const e = st.evidence;
      const held = e.first === x || e.last === x || st.samples.includes(x) || (x.time !== null && e.byBucket.get(bucketStart(x.time, e.width)) === x);
      if (held) x.text = make(this.at[4 * k]!, this.at[4 * k + 1]!, this.at[4 * k + 2]!, this.at[4 * k + 3]!, false);
    }
    this.clear();
  }
}
