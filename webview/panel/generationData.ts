/** Candidates and the beam tree of a trace, in the form the generation view draws. */
import type { BeamRecord, Candidate, Hypothesis, Trace } from '../../src/protocol/trace';

/**
 * Returns the top-k candidates from which the hypothesis picked its token at `step`, or [] when the trace
 * has none for that step. The candidates belong to the beam that the chosen beam extends.
 */
export function candidatesForStep(trace: Trace, hypothesis: Hypothesis, step: number): readonly Candidate[] {
  const record = trace.steps[step];
  if (record === undefined) return [];

  // The record that appended the token has `beam === beamPath[step]`. Its parent is the beam alive before
  // the step, whose candidate list is `candidates[parent]`. At the first step the parent is -1 and there is one list.
  const beam = record.beams.find((candidate) => candidate.beam === hypothesis.beamPath[step]);
  const parent = beam === undefined ? 0 : Math.max(0, beam.parent);
  return record.candidates[parent] ?? [];
}

export interface BeamNode {
  /** Column: 0 is the decoder start, step s is column s + 1. */
  readonly column: number;
  /** Position in the step's beam list (the row in the tree). */
  readonly row: number;
  /** Null for the start node. */
  readonly record: BeamRecord | null;
  /** Step of the record, -1 for the start node. */
  readonly step: number;
  readonly onBestPath: boolean;
  /** Row of the parent node in the previous column, or null for the start node. */
  readonly parentRow: number | null;
}

/** Returns one node per beam record of every step, plus the start node, with the best path marked. */
export function beamTreeNodes(trace: Trace, best: Hypothesis | undefined): BeamNode[] {
  const nodes: BeamNode[] = [{ column: 0, row: 0, record: null, step: -1, onBestPath: true, parentRow: null }];
  trace.steps.forEach((stepRecord, s) => {
    const previous = s === 0 ? [] : trace.steps[s - 1].beams;
    stepRecord.beams.forEach((record, row) => {
      nodes.push({
        column: s + 1,
        row,
        record,
        step: s,
        onBestPath: best !== undefined && best.beamPath[s] === record.beam,
        parentRow: Math.max(0, previous.findIndex((beam) => beam.beam === record.parent)),
      });
    });
  });
  return nodes;
}

/** Returns true when the trace used more than one beam, so a tree shows more than the token list. */
export function hasBeamTree(trace: Trace): boolean {
  return trace.options.numBeams > 1 || trace.steps.some((step) => step.beams.length > 1);
}
