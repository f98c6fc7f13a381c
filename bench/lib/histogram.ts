/**
 * A mergeable latency histogram with logarithmic buckets (1 % wide), so percentiles from many
 * processes and repetitions can be combined exactly as if all samples had been pooled. The
 * reported percentile is the bucket's upper bound (error ≤ 1 %); min, max, count and sum are exact.
 */
const BASE = 1.01;
const MIN_MS = 0.01;
const LOG_BASE = Math.log(BASE);

export interface HistogramData {
  /** Sparse bucket counts: bucket index → count. */
  buckets: Record<string, number>;
  count: number;
  sum: number;
  min: number;
  max: number;
}

export interface Percentiles {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export class Histogram {
  private readonly counts = new Map<number, number>();
  count = 0;
  sum = 0;
  min = Number.POSITIVE_INFINITY;
  max = 0;

  add(valueMs: number): void {
    const v = valueMs > 0 ? valueMs : 0;
    const i = v <= MIN_MS ? 0 : Math.ceil(Math.log(v / MIN_MS) / LOG_BASE);
    this.counts.set(i, (this.counts.get(i) ?? 0) + 1);
    this.count++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  merge(other: Histogram | HistogramData): this {
    const entries: Iterable<[number, number]> =
      other instanceof Histogram ? other.counts : Object.entries(other.buckets).map(([k, n]) => [Number(k), n]);
    for (const [i, n] of entries) this.counts.set(i, (this.counts.get(i) ?? 0) + n);
    this.count += other.count;
    this.sum += other.sum;
    if (other.count > 0) {
      this.min = Math.min(this.min, other.min);
      this.max = Math.max(this.max, other.max);
    }
    return this;
  }

  /** Value at quantile q (0..1); NaN when empty. */
  quantile(q: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(q * this.count));
    const sorted = [...this.counts.keys()].sort((a, b) => a - b);
    let seen = 0;
    for (const i of sorted) {
      seen += this.counts.get(i) ?? 0;
      if (seen >= rank) return Math.min(this.max, i === 0 ? MIN_MS : MIN_MS * BASE ** i);
    }
    return this.max;
  }

  summary(): Percentiles {
    return {
      count: this.count,
      mean: this.count ? this.sum / this.count : Number.NaN,
      p50: this.quantile(0.5),
      p95: this.quantile(0.95),
      p99: this.quantile(0.99),
      max: this.count ? this.max : Number.NaN,
    };
  }

  toJSON(): HistogramData {
    const buckets: Record<string, number> = {};
    for (const [i, n] of this.counts) buckets[String(i)] = n;
    return { buckets, count: this.count, sum: this.sum, min: this.count ? this.min : 0, max: this.max };
  }

  static from(data: HistogramData): Histogram {
    return new Histogram().merge(data);
  }
}
