/**
 * The runs of a trend a line may join: consecutive published waves with no series break between
 * them. A hidden wave or a break ends a run (a single published wave is a run of one: a dot).
 * Dependency-free so that the web's charts draw exactly the runs the server's comparisons mean.
 */
export function trendSegments(points: readonly { status: string; seriesBreak: boolean }[]): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  points.forEach((p, i) => {
    if (p.status !== 'ok') {
      if (run.length) runs.push(run);
      run = [];
      return;
    }
    if (p.seriesBreak && run.length) {
      runs.push(run);
      run = [];
    }
    run.push(i);
  });
  if (run.length) runs.push(run);
  return runs;
}
