// One row of bench-results.json (the contract in ARCHITECTURE.md): `ratio` is value /
// referenceValue measured in the same run, null where there is no reference.
export interface BenchResult {
  name: string;
  unit: string;
  value: number;
  reference: string | null;
  referenceValue: number | null;
  ratio: number | null;
}
