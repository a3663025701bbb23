import 'vitest';

declare module 'vitest' {
  // Provided by proc.global-setup.ts (node side) to the benches inside workerd.
  export interface ProvidedContext {
    procUrl: string;
  }
}
