// Minimal typing for the parts of jstat 1.9.6 (it ships no types) that the tests use as an
// independent oracle for our own special functions. jstat is CommonJS: under Node ESM only the
// default import works.
declare module 'jstat' {
  interface Distribution {
    cdf(x: number, ...parameters: number[]): number;
    inv(p: number, ...parameters: number[]): number;
  }
  const jStat: {
    normal: Distribution;
    beta: Distribution;
    chisquare: Distribution;
    gammaln(x: number): number;
    ibeta(x: number, a: number, b: number): number;
    lowRegGamma(a: number, x: number): number;
  };
  export default jStat;
}
