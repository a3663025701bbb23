import 'vitest';

declare module 'vitest' {
  // Provided by proc.global-setup.ts (node side) to the benches inside workerd.
  export interface ProvidedContext {
    procUrl: string;
    /** The remote D1's URL when BENCH_D1=remote (see remote-d1.ts), else ''. */
    remoteD1Url: string;
  }
}
