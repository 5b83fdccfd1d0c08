// The part of the WebAssembly JavaScript API the SIMD chain step uses (src/sgd/simdChains.ts):
// Node has it globally, but its declarations live in TypeScript's DOM library, which this project
// does not load.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports: Record<string, unknown>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
  }
}
