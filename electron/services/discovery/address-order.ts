import { mergeRanges, type TargetRange } from '../../../shared/domain/network-targets';

/** The golden ratio conjugate: stepping by this fraction of the range spreads consecutive picks evenly. */
const GOLDEN = 0.6180339887498949;

function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** The step of the scatter walk: near N × 0.618 and coprime with N, so the walk visits every index once. */
export function scatterStep(count: number): number {
  if (count <= 2) return 1;
  let step = Math.max(1, Math.round(count * GOLDEN));
  while (greatestCommonDivisor(step, count) !== 1) step++;
  return step;
}

/**
 * Yields every distinct address of the ranges exactly once, as unsigned 32-bit integers, in a
 * scattered order, without materialising them.
 *
 * Why scattered: a contiguous block that silently drops probes (a firewalled subnet) would
 * otherwise fill every probe slot at once and stall the scan for a whole timeout per batch;
 * spread over the scan, its slow probes overlap with fast refusals elsewhere. nmap randomises
 * host order within its groups for the same reason.
 */
export function* scatteredAddresses(ranges: readonly TargetRange[]): Generator<number> {
  const merged = mergeRanges(ranges);
  const starts: number[] = [];
  let count = 0;
  for (const range of merged) {
    starts.push(count);
    count += range.last - range.first + 1;
  }
  if (count === 0) return;
  const step = scatterStep(count);
  let index = 0;
  for (let visited = 0; visited < count; visited++) {
    yield addressAt(merged, starts, index);
    index += step;
    if (index >= count) index -= count;
  }
}

function addressAt(merged: readonly { first: number }[], starts: readonly number[], index: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if ((starts[middle] ?? 0) <= index) low = middle;
    else high = middle - 1;
  }
  return (merged[low]?.first ?? 0) + index - (starts[low] ?? 0);
}
